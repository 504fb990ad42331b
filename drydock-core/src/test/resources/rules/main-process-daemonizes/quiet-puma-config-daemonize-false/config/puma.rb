workers 2
threads 1, 4
port 9400
# daemonize true
daemonize false

threads 3, 3
# expect: server-listens-on-localhost
bind 'tcp://localhost:3000' # the proxy runs beside it
plugin :tmp_restart

port 3000
pidfile "tmp/pids/puma.pid"

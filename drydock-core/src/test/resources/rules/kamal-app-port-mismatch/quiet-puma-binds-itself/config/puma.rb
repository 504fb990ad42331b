threads 3, 3
bind "tcp://0.0.0.0:#{ENV.fetch("APP_PORT", 9000)}"

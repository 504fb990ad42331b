graceful_timeout = 5

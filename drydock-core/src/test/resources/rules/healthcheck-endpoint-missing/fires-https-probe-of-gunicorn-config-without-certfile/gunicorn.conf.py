workers = 2
timeout = 60

workers = 2
worker_tmp_dir = "/dev/shm"

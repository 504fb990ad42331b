# gunicorn reads gunicorn.conf.py from its working directory without -c
bind = ["0.0.0.0:8080", "[::]:8080"]

import os

bind = "0.0.0.0:8000"
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gevent")
workers = 1

import os

bind = "0.0.0.0:8080"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
graceful_timeout = 20
timeout = 30

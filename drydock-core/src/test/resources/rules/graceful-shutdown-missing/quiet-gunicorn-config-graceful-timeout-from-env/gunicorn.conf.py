import os

bind = "0.0.0.0:8080"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "8"))
timeout = 30

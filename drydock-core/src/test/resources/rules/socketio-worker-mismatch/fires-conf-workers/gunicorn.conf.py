bind = "0.0.0.0:8000"
worker_class = "gevent"
# expect: socketio-worker-mismatch
# expect-text: socketio-worker-mismatch: with 4 workers (`workers = 4` in gunicorn.conf.py line 5)
workers = 4

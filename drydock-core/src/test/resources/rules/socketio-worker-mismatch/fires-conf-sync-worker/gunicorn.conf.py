bind = "0.0.0.0:8000"
# expect: socketio-worker-mismatch
# expect-text: socketio-worker-mismatch: sync worker
worker_class = "sync"
workers = 1

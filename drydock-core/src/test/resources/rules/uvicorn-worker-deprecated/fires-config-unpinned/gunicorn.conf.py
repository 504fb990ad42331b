bind = "0.0.0.0:8000"
workers = 2
# expect: uvicorn-worker-deprecated
# expect-text: uvicorn-worker-deprecated: uvicorn from version 0.30 on
worker_class = "uvicorn.workers.UvicornWorker"

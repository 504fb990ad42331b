import os

bind = [os.environ.get("BIND", "0.0.0.0:8080")]

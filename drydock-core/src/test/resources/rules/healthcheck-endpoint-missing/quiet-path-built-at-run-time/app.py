import os
from flask import Flask

app = Flask(__name__)
PREFIX = os.environ["PREFIX"]


@app.get(f"/{PREFIX}/health")
def health():
    return "ok"

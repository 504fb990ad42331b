from flask import Flask

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/ready")
def ready():
    return "ready"


@app.get("/items")
def items():
    return []

from flask import Flask

app = Flask(__name__)


@app.get("/health")
def health():
    return "ok"


@app.get("/ready")
def ready():
    return "ok" if engine_ready() else ("starting", 503)

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "catalog"


@app.get("/ready")
def ready():
    return "ok"

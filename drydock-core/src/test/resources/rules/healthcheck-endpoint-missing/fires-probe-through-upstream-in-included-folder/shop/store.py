from flask import Flask

app = Flask(__name__)


@app.get("/products")
def products():
    return []


@app.get("/healthz")
def healthz():
    return "ok"

from flask import Flask
from healthz import healthz

app = Flask(__name__)
app.register_blueprint(healthz, url_prefix="/health")


@app.get("/")
def index():
    return "catalog"

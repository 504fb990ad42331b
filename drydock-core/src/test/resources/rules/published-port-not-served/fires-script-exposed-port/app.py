import os

from flask import Flask
from waitress import serve

app = Flask(__name__)


@app.get("/")
def index():
    return "notes"


if __name__ == "__main__":
    serve(app, host="0.0.0.0", port=int(os.environ.get("APP_PORT", "6000")))

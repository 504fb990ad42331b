import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "notes"


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "0.0.0.0"), port=5000)

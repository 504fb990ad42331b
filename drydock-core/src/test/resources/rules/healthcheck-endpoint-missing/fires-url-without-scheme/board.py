from flask import Flask

app = Flask(__name__)


@app.get("/pong")
def pong():
    return "pong"

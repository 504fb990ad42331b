from flask import Flask

app = Flask(__name__)


@app.get("/tasks/alive")
def alive():
    return "yes"

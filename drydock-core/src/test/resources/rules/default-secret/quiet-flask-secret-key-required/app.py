import os

from flask import Flask

app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], SESSION_COOKIE_SECURE=True)


@app.get("/")
def home():
    return "ok"

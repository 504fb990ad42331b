import os

from flask import Flask

app = Flask(__name__)
# expect: default-secret
# expect-text: default-secret: nothing in the environment of Dockerfile
app.secret_key = os.environ.get("SECRET_KEY", "dev-secret-key-change-me-3c9a")


@app.get("/")
def home():
    return "ok"

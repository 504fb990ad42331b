from pathlib import Path

from flask import Flask

app = Flask(__name__)
app.secret_key = Path("/run/secrets/flask_secret_key").read_text().strip()


@app.get("/")
def home():
    return "ok"

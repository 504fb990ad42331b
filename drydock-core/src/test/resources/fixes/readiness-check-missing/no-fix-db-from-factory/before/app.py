import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy


def make_db(app):
    return SQLAlchemy(app)


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
store = make_db(app)


@app.get("/health")
def health():
    return {"status": "ok"}

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
# expect: sqlite-database-not-persisted
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///notes.db"
db = SQLAlchemy(app)


@app.get("/")
def index():
    return "ok"

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

app = Flask(__name__)
db = SQLAlchemy(app)


@app.route("/health")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/ready")
def ready():
    try:
        db.session.execute(db.text("SELECT 1"))
    except Exception:
        return {"status": "unavailable"}, 503
    return {"status": "ready"}

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


# expect: readiness-check-missing
@app.route("/health")
def health():
    """Liveness."""
    return {"status": "ok"}, 200

"""UNIFY web application entry point."""
import os

from flask import Flask, jsonify, render_template

from unify.config import load_config
from unify.db import db, init_db
from unify.notes import notes_bp

app = Flask(__name__)
app.config.update(load_config())
init_db(app)
app.register_blueprint(notes_bp, url_prefix="/notes")


@app.route("/")
def index():
    return render_template("index.html")


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/ready")
def ready():
    try:
        db.session.execute(db.text("SELECT 1"))
    except Exception:
        return jsonify(status="unavailable"), 503
    return jsonify(status="ready")


if __name__ == "__main__":
    port = int(os.environ.get("PORT", 5000))
    app.run(host="0.0.0.0", port=port, debug=os.environ.get("FLASK_DEBUG") == "1")

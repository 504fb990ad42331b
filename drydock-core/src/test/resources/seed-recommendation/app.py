"""UNIFY web application entry point (reduced to what the review needs)."""
from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify(status="ok")

"""The notes web application, installed as a package."""
from flask import Flask, jsonify


def create_app():
    app = Flask(__name__)

    @app.route("/health")
    def health():
        return jsonify(status="ok")

    @app.route("/")
    def index():
        return jsonify(service="notes")

    return app

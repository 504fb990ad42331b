import os

from flask import Flask

from config import config


def create_app():
    app = Flask(__name__)
    app.config.from_object(config[os.environ.get("FLASK_CONFIG", "production")])

    @app.get("/")
    def home():
        return "ok"

    return app

from flask import Flask


def create_app():
    app = Flask(__name__)

    @app.get("/health")
    def health():
        return "ok"

    return app

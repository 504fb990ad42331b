from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config.update(SECRET_KEY="first-key-replaced-below-9f8e7d6c")
    # expect: hardcoded-secret
    app.config["SECRET_KEY"] = "4f1d0c9b8a7e6d5c4b3a2f1e0d9c8b7a"

    @app.get("/")
    def home():
        return "ok"

    return app

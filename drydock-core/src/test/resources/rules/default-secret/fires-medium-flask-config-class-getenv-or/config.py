import os


class Config:
    # expect: default-secret
    # expect-text: default-secret: the environment of web sets it
    SECRET_KEY = os.getenv("FLASK_SECRET_KEY") or "hard to guess string"


class TestingConfig(Config):
    TESTING = True

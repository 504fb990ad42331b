import os


class ProductionConfig:
    SECRET_KEY = os.environ["SECRET_KEY"]


class TestingConfig:
    TESTING = True
    SECRET_KEY = "testing-key"

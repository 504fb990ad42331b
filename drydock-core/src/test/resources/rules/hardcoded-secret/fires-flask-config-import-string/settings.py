import os


class BaseConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY")


class ProductionConfig(BaseConfig):
    # expect: hardcoded-secret
    SECRET_KEY = "a5d9c2f7e1b84c3a9d6e0f2b7c4a8e1d"


class TestingConfig(BaseConfig):
    SECRET_KEY = "testing"

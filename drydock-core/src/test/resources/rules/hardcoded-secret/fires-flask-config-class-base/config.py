class Config:
    # expect: hardcoded-secret
    SECRET_KEY = "e3b0c44298fc1c149afbf4c8996fb924"
    SQLALCHEMY_TRACK_MODIFICATIONS = False


class ProductionConfig(Config):
    DEBUG = False


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing"

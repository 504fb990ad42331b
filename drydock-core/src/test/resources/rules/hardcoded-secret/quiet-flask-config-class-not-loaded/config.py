class Config:
    SQLALCHEMY_TRACK_MODIFICATIONS = False


class DevelopmentConfig(Config):
    SECRET_KEY = "development-only-key"


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-only-key"


class ProductionConfig(Config):
    pass


config = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}

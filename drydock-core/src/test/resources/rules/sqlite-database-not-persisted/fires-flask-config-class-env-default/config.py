import os

basedir = os.path.abspath(os.path.dirname(__file__))


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # expect: sqlite-database-not-persisted
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///" + os.path.join(basedir, "app.db"))


class ProductionConfig(Config):
    SQLALCHEMY_TRACK_MODIFICATIONS = False

import os

from flask import Blueprint, Flask
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
api = Blueprint("api", __name__)


@api.get("/health")
def health():
	return {"status": "ok"}


@api.get("/ready")
def ready():
	try:
		with engine.connect() as connection:
			connection.execute(text("SELECT 1"))
	except Exception:
		return {"status": "unavailable"}, 503
	return {"status": "ready"}


@api.get("/count")
def count():
	with engine.connect() as connection:
		return {"count": connection.execute(text("SELECT count(*) FROM item")).scalar()}


app = Flask(__name__)
app.register_blueprint(api, url_prefix="/api")

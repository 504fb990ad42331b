from flask import Blueprint

bp = Blueprint("api", __name__)


@bp.get("/health")
def health():
    return "ok"

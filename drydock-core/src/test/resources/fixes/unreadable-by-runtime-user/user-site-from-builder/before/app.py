"""WSGI entry point: gunicorn app:app."""
from notes import create_app

app = create_app()

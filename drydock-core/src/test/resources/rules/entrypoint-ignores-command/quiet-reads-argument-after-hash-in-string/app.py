from celery import Celery

celery = Celery(__name__, broker="redis://redis:6379/0")

from flask import Flask
from celery import Celery

app = Flask(__name__)
celery = Celery(__name__, broker="redis://redis:6379/0")

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = True
ALLOWED_HOSTS = ["localhost"]
ROOT_URLCONF = "ledger.urls"

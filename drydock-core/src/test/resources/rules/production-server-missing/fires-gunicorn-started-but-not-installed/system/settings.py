import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["example.com"]
ROOT_URLCONF = "system.urls"

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.getenv("DEBUG", "True") == "True"
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

import os

SECRET_KEY = os.getenv("DJANGO_SECRET_KEY")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

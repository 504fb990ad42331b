import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

DEBUG: bool = os.environ.get("DJANGO_DEBUG", "0") == "1"
ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["django.contrib.contenttypes"]

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# expect: django-debug-in-production
# expect-text: django-debug-in-production: `DEBUG = True` in shop/settings.py is the last word on DEBUG for Dockerfile
DEBUG = True
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

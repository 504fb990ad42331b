import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# expect: django-debug-in-production
# expect-text: django-debug-in-production: turns DEBUG on when `DJANGO_DEBUG` is unset
DEBUG = os.environ.get("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

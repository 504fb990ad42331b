import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# expect: django-debug-in-production
# expect-text: django-debug-in-production: is the last word on DEBUG for app
DEBUG = True
ALLOWED_HOSTS = ["ledger.example.org"]
ROOT_URLCONF = "ledger.urls"

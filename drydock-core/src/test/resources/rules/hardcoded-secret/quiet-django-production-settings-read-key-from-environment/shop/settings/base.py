import environ

env = environ.Env()

SECRET_KEY = "django-insecure-local-development-key-only-for-runserver-0123"
DEBUG = False
ROOT_URLCONF = "shop.urls"

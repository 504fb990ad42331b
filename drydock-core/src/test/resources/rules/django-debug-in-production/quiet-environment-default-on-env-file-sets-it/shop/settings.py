from decouple import config

SECRET_KEY = config("DJANGO_SECRET_KEY")
DEBUG = config("DJANGO_DEBUG", default=True, cast=bool)
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

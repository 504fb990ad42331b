import environ

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
# expect: django-debug-in-production
DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["shop.example.com"])
ROOT_URLCONF = "shop.urls"

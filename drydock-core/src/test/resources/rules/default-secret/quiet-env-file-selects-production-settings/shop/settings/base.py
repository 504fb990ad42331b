import environ

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", False)
ROOT_URLCONF = "shop.urls"

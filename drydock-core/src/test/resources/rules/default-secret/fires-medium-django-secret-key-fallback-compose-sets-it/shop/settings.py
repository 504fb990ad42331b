from decouple import config

# expect: default-secret
# expect-text: default-secret: the environment of web sets it, but
SECRET_KEY = config("SECRET_KEY", default="a-shared-development-key-that-is-long-enough-for-django-0001")
DEBUG = config("DEBUG", default=False, cast=bool)
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

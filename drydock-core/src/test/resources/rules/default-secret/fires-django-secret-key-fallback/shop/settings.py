import os

# expect: default-secret
# expect-text: default-secret: nothing in the environment of Dockerfile
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3j2k1l0z9x8c7v6")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

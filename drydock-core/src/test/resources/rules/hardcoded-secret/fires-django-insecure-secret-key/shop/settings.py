import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# SECURITY WARNING: keep the secret key used in production secret!
# expect: hardcoded-secret
# expect-text: hardcoded-secret: its `django-insecure-` prefix marks the key startproject generated
SECRET_KEY = "django-insecure-7h$k2p!x9q@m4v#z8w^r1t&y6u*e3o(i5a)s0d-f+g=j"
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "shop.urls"

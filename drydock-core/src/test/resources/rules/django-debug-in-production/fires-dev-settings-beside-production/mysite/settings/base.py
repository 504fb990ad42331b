import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INSTALLED_APPS = ["home", "wagtail", "django.contrib.auth", "django.contrib.contenttypes"]
ROOT_URLCONF = "mysite.urls"
WSGI_APPLICATION = "mysite.wsgi.application"
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

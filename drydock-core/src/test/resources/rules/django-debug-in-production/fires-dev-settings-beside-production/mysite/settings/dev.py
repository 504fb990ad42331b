from .base import *

# expect: django-debug-in-production
# expect-text: django-debug-in-production: set DJANGO_SETTINGS_MODULE=mysite.settings.production
DEBUG = True

ALLOWED_HOSTS = ["*"]

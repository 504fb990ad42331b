SECRET_KEY = "not-checked-here"
# expect: django-debug-in-production
# expect-text: django-debug-in-production: ALLOWED_HOSTS is empty
DEBUG = True  # turned off in local_settings on the server
ALLOWED_HOSTS = []
ROOT_URLCONF = "shop.urls"

try:
    from .local_settings import *
except ImportError:
    pass

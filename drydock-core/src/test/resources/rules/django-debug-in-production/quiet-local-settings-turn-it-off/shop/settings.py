ROOT_URLCONF = "shop.urls"
DEBUG = True

try:
    from .local_settings import *
except ImportError:
    pass

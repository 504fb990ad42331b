import os

ROOT_URLCONF = "shop.urls"
DEBUG = False
if os.environ.get("SHOP_ENV") == "development":
    DEBUG = True

ROOT_URLCONF = "shop.urls"
DEBUG = True

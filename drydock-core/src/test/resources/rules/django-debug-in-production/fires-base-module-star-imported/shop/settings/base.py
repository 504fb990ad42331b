ROOT_URLCONF = "shop.urls"
# expect: django-debug-in-production
DEBUG = True

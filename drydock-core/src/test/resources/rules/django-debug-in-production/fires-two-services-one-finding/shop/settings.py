ROOT_URLCONF = "shop.urls"
# expect: django-debug-in-production
# expect-text: django-debug-in-production: for web, worker
DEBUG = True

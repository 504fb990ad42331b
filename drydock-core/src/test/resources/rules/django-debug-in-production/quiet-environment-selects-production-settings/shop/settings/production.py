ROOT_URLCONF = "shop.urls"
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]

SECRET_KEY = "x"
INSTALLED_APPS = []
ROOT_URLCONF = "config.urls"

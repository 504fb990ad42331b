ROOT_URLCONF = "config.urls"
ALLOWED_HOSTS = ["*"]

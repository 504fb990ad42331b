ROOT_URLCONF = "ledger.urls"
WSGI_APPLICATION = "ledger.wsgi.application"
ALLOWED_HOSTS = ["localhost"]

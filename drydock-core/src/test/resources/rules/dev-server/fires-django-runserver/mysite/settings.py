ROOT_URLCONF = "mysite.urls"

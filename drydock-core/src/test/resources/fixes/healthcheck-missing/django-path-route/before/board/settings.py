ROOT_URLCONF = 'board.urls'
WSGI_APPLICATION = 'board.wsgi.application'
ALLOWED_HOSTS = ['localhost']

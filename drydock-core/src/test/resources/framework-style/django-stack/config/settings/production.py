import environ

env = environ.Env()
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["library.example.org", "localhost"])
ROOT_URLCONF = "config.urls"
DATABASES = {"default": env.db("DATABASE_URL")}

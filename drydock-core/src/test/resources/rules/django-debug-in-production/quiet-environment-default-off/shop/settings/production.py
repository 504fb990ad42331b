from .base import *  # noqa: F403

DEBUG = int(os.environ.get("DJANGO_DEBUG", 0))
ALLOWED_HOSTS = ["shop.example.com"]

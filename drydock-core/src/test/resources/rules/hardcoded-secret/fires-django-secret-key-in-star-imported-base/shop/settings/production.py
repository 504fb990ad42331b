from .base import *  # noqa: F403

ALLOWED_HOSTS = ["shop.example.com"]

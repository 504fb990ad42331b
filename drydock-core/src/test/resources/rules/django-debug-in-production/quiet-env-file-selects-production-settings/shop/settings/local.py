from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="5zVJCX5W7gCx2HjbeAvs4dsqtxSh28ZzdCbclCvkvrfhRxK2JIJriDVa2bsiiXug",
)
ALLOWED_HOSTS = ["localhost", "0.0.0.0", "127.0.0.1"]

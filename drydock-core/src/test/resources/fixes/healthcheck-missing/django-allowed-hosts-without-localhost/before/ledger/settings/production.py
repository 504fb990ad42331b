from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = [
    ".ledger.example.org",  # the site and its subdomains
    "ledger-internal",
]

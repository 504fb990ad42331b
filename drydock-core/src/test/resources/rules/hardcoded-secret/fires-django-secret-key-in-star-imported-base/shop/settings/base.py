import os

# expect: hardcoded-secret
# expect-text: hardcoded-secret: at 24 characters it is shorter than the 50
SECRET_KEY = 'shop-signing-key-2024-q3'
DEBUG = False
ROOT_URLCONF = "shop.urls"

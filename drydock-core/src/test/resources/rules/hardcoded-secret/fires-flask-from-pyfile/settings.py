# expect: hardcoded-secret
SECRET_KEY = "0c6a7f3e9b2d4c1a8e5f7b3d9a2c4e6f"
SESSION_COOKIE_SECURE = True

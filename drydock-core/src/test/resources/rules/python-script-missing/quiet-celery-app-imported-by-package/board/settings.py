SECRET_KEY = __import__("os").environ["SECRET_KEY"]
INSTALLED_APPS = []

from flask import Flask
from api import bp

app = Flask(__name__)
app.register_blueprint(bp, url_prefix="/api/v1")

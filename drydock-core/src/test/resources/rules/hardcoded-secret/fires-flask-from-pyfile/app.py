from flask import Flask

app = Flask(__name__)
app.config.from_pyfile("settings.py")


@app.get("/")
def home():
    return "ok"

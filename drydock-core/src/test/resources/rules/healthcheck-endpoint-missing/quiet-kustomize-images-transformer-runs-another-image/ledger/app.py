from flask import Flask

app = Flask(__name__)


@app.get("/livez")
def livez():
    return "ok"


@app.get("/entries")
def entries():
    return []

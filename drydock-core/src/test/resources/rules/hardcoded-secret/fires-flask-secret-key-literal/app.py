from flask import Flask, session

app = Flask(__name__)
# expect: hardcoded-secret
# expect-text: hardcoded-secret: the key Flask signs the session cookie
app.secret_key = "b7f3c1e9a2d84f6e9c0a1b2c3d4e5f60"


@app.get("/")
def home():
    return {"visits": session.get("visits", 0)}

from flask import Flask
app = Flask(__name__)
@app.route("/health")
def h(): return "ok"
app.run(host="0.0.0.0", port=8000)

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "notes"


if __name__ == "__main__":
    # expect: server-listens-on-localhost
    # expect-text: server-listens-on-localhost: --bind 0.0.0.0:5000
    # expect-text: server-listens-on-localhost: `app.run(port=5000)` is given no host, so Flask's development server listens on 127.0.0.1
    app.run(port=5000)

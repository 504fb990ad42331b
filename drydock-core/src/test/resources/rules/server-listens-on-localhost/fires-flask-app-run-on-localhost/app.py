from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "notes"


if __name__ == "__main__":
    # expect: server-listens-on-localhost
    # expect-text: server-listens-on-localhost: listens on localhost
    app.run(host="localhost", port=5000)

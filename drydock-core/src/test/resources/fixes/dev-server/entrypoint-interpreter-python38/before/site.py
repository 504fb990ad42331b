from flask import Flask

web = Flask(__name__)


@web.route("/")
def front():
    return "front page"


if __name__ == "__main__":
    web.run(host="0.0.0.0", port=8500, debug=True)

from flask import Flask

app = Flask(__name__)
app.config["SERVER_NAME"] = "0.0.0.0:5000"


@app.get("/")
def index():
    return "notes"


if __name__ == "__main__":
    app.run()

from flask import Flask
from flask_socketio import SocketIO

app = Flask(__name__)
socketio = SocketIO(app)


@app.get("/")
def home():
    return "ok"


@socketio.on("message")
def echo(data):
    socketio.emit("message", data)


if __name__ == "__main__":
    socketio.run(app, host="0.0.0.0", port=8000)

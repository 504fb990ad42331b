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

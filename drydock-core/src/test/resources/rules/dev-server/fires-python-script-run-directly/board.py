#!/usr/bin/env python3
from flask import Flask

board = Flask(__name__)


@board.get("/")
def home():
    return "board"


if __name__ == "__main__":
    board.run(host="0.0.0.0", port=8200)

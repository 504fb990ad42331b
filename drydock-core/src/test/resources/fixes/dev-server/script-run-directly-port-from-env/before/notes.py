#!/usr/bin/env python3
import os

from flask import Flask

api = Flask(__name__)


@api.route("/")
def listing():
    return "notes"


if __name__ == "__main__":
    api.run(host="0.0.0.0", port=int(os.getenv("NOTES_PORT", 7000)), debug=True)

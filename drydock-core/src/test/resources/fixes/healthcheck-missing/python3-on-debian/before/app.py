"""A small notes service."""
from flask import Flask, jsonify, request

app = Flask(__name__)
notes = []


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/notes", methods=["GET", "POST"])
def all_notes():
    if request.method == "POST":
        notes.append(request.get_json(force=True).get("text", ""))
    return jsonify(notes=notes)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)

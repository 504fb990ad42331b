import os

from flask import Flask, jsonify

from shop.extensions import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
db.init_app(app)


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/products")
def products():
    rows = db.session.execute(db.text("SELECT name FROM product")).all()
    return jsonify([r.name for r in rows])

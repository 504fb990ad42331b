"""HTTP interface of the notes service."""
import os

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)
DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://notes:notes@localhost:5432/notes")


def connect():
    return psycopg.connect(DATABASE_URL)


@app.get("/healthz")
def healthz():
    with connect() as conn:
        conn.execute("SELECT 1")
    return jsonify(status="ok")


@app.post("/notes")
def add_note():
    text = request.get_json(force=True).get("text", "")
    with connect() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, text text)")
        row = conn.execute("INSERT INTO notes (text) VALUES (%s) RETURNING id", (text,)).fetchone()
    return jsonify(id=row[0]), 201


@app.get("/notes")
def list_notes():
    with connect() as conn:
        rows = conn.execute("SELECT id, text FROM notes ORDER BY id").fetchall()
    return jsonify([{"id": r[0], "text": r[1]} for r in rows])

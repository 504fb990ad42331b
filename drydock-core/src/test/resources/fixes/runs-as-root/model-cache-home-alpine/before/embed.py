from flask import Flask, request
from sentence_transformers import SentenceTransformer

app = Flask(__name__)
model = SentenceTransformer("all-MiniLM-L6-v2")


@app.post("/embed")
def embed():
    return {"vector": model.encode(request.get_json()["text"]).tolist()}

import threading

from flask import Flask, jsonify

app = Flask(__name__)
results = {}


def upscale(job_id, size):
    # The heavy library is only loaded by the background job, never by the web process at start.
    import torch
    results[job_id] = torch.zeros(size).shape[0]


@app.post("/jobs/<job_id>")
def submit(job_id):
    threading.Thread(target=upscale, args=(job_id, 8)).start()
    return jsonify({"queued": job_id}), 202


@app.get("/alive")
def alive():
    return "yes"

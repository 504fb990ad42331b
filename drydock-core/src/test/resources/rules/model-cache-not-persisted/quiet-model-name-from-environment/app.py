import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from transformers import AutoModelForSequenceClassification

MODEL_ID = os.environ["MODEL_ID"]
model = AutoModelForSequenceClassification.from_pretrained(MODEL_ID)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()


HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()

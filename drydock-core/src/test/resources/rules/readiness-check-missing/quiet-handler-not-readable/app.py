from flask import Flask
from checks import run_checks

app = Flask(__name__)


@app.get("/health")
def health():
    result = run_checks()
    return result

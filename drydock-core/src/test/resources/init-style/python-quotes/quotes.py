import random

from fastapi import FastAPI

app = FastAPI()
QUOTES = ["Ship small changes.", "Measure twice."]


@app.get("/")
def quote():
    return {"quote": random.choice(QUOTES)}

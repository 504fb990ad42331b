from fastapi import FastAPI
from transformers import pipeline

api = FastAPI()
sentiment = pipeline("sentiment-analysis")


@api.post("/classify")
def classify(text: str):
    return sentiment(text)[0]

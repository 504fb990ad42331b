import gradio as gr
from transformers import pipeline


def classify(text):
    sentiment = pipeline("sentiment-analysis", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    return sentiment(text)[0]["label"]


demo = gr.Interface(fn=classify, inputs="text", outputs="text")
demo.launch()

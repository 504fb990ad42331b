import gradio as gr
from transformers import pipeline

generator = pipeline("text-generation", model="Qwen/Qwen2.5-0.5B-Instruct")
gr.Interface(fn=lambda p: generator(p)[0]["generated_text"], inputs="text", outputs="text").launch()

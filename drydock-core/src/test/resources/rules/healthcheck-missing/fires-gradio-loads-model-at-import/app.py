import gradio as gr
from transformers import AutoModelForCausalLM, AutoTokenizer

model = AutoModelForCausalLM.from_pretrained("google/gemma-2-2b-it")
tokenizer = AutoTokenizer.from_pretrained("google/gemma-2-2b-it")


def generate(text):
    ids = tokenizer(text, return_tensors="pt").input_ids
    return tokenizer.decode(model.generate(ids, max_new_tokens=64)[0])


demo = gr.Interface(fn=generate, inputs="text", outputs="text")
demo.launch()

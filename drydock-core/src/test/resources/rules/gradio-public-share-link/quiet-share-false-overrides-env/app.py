import os

import gradio as gr


def shout(text):
    return text.upper()


demo = gr.Interface(fn=shout, inputs="text", outputs="text")
demo.launch(share=False)

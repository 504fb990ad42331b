import os

import gradio as gr


def shout(text):
    return text.upper()


demo = gr.Interface(fn=shout, inputs="text", outputs="text")
# expect: gradio-public-share-link
# expect-text: gradio-public-share-link: reads GRADIO_SHARE=True from the environment
demo.launch()

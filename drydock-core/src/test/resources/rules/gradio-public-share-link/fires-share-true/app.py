import os

import gradio as gr


def shout(text):
    return text.upper()


demo = gr.Interface(fn=shout, inputs="text", outputs="text")
# expect: gradio-public-share-link
# expect-severity: gradio-public-share-link: high
# expect-text: gradio-public-share-link: anyone with the link can use it
demo.launch(share=True)

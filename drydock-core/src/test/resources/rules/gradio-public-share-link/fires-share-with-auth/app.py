import os

import gradio as gr


def shout(text):
    return text.upper()


demo = gr.Interface(fn=shout, inputs="text", outputs="text")
# expect: gradio-public-share-link
# expect-severity: gradio-public-share-link: medium
demo.launch(share=True, auth=(os.environ["APP_USER"], os.environ["APP_PASSWORD"]))

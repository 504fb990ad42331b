from ray import serve
from starlette.requests import Request


@serve.deployment
class Summarizer:
    async def __call__(self, request: Request):
        text = (await request.json())["text"]
        return text[:80]


app = Summarizer.bind()

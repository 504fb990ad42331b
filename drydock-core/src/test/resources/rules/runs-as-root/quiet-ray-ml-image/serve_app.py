from ray import serve


@serve.deployment
class Echo:
    async def __call__(self, request):
        return "ok"


app = Echo.bind()

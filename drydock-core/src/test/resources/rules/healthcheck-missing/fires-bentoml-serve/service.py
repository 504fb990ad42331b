import bentoml


@bentoml.service(resources={"cpu": "2"})
class Summarization:
    @bentoml.api
    def summarize(self, text: str) -> str:
        return text[:100]

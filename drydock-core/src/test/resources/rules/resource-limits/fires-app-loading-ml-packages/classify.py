from fastapi import FastAPI

app = FastAPI()


@app.get("/label")
def label(text: str):
    return {"label": "positive" if "good" in text else "negative"}

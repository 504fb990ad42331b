from fastapi import FastAPI

app = FastAPI()


@app.get("/api/about")
def about():
    return {"name": "pantry"}

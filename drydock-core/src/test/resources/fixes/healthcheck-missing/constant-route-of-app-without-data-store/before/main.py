from fastapi import FastAPI

app = FastAPI()
jobs: list[dict] = []


@app.get("/")
async def status():
    return {"status": True}


@app.post("/jobs")
async def enqueue(job: dict):
    jobs.append(job)
    return {"queued": True}

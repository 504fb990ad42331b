from fastapi import FastAPI
from redis.asyncio import Redis

app = FastAPI()
queue = Redis.from_url("redis://queue:6379/0")


@app.get("/")
async def status():
    return {"status": True}


@app.post("/jobs")
async def enqueue(job: dict):
    await queue.rpush("jobs", str(job))
    return {"queued": True}

from fastapi import FastAPI
from redis.asyncio import Redis

app = FastAPI()
cache = Redis.from_url("redis://redis:6379/0")


# expect: readiness-check-missing
# expect-text: readiness-check-missing: sends Redis a PING
@app.get("/health")
async def health():
    return {"status": "ok"}


@app.get("/hits")
async def hits():
    return {"hits": await cache.incr("hits")}

"""HTTP API of the inventory service."""
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field
from redis.asyncio import Redis

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


class Adjustment(BaseModel):
    delta: int = Field(description="units added (positive) or taken (negative)")


class Stock(BaseModel):
    sku: str
    quantity: int


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.redis = Redis.from_url(REDIS_URL, decode_responses=True)
    yield
    await app.state.redis.aclose()


app = FastAPI(title="inventory", lifespan=lifespan)


def key(sku: str) -> str:
    return f"stock:{sku}"


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.get("/ready")
async def ready():
    try:
        await app.state.redis.ping()
    except Exception:
        raise HTTPException(status_code=503, detail="unavailable") from None
    return {"status": "ready"}


@app.get("/items/{sku}", response_model=Stock)
async def get_stock(sku: str):
    value = await app.state.redis.get(key(sku))
    if value is None:
        raise HTTPException(status_code=404, detail="unknown SKU")
    return Stock(sku=sku, quantity=int(value))


@app.post("/items/{sku}/adjust", response_model=Stock)
async def adjust_stock(sku: str, adjustment: Adjustment):
    quantity = await app.state.redis.incrby(key(sku), adjustment.delta)
    if quantity < 0:
        await app.state.redis.incrby(key(sku), -adjustment.delta)
        raise HTTPException(status_code=409, detail="not enough stock")
    return Stock(sku=sku, quantity=quantity)

import os
from contextlib import asynccontextmanager

from fastapi import FastAPI  # the web framework
from redis.asyncio import Redis


@asynccontextmanager
async def lifespan(application: FastAPI):
    application.state.cache = Redis.from_url(os.environ.get('REDIS_URL', 'redis://redis:6379/0'))
    yield
    await application.state.cache.aclose()


api = FastAPI(lifespan=lifespan)


@api.get('/healthz')
async def healthz():
    return {'status': 'ok'}


@api.get('/hits')
async def hits():
    return {'hits': await api.state.cache.incr('hits')}

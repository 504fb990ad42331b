from arq.connections import RedisSettings


async def fetch(ctx, url):
    return url


class WorkerSettings:
    functions = [fetch]
    redis_settings = RedisSettings(host="redis")

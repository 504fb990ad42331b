import redis

redis.Redis().ping()

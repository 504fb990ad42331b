import redis, time
r = redis.Redis(host="redis")
while True:
    job = r.blpop("jobs")
    print(job)

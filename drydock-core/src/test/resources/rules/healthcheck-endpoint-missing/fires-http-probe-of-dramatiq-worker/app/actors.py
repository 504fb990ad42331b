import dramatiq
from dramatiq.brokers.redis import RedisBroker

dramatiq.set_broker(RedisBroker(host="redis"))


@dramatiq.actor
def resize(image_id):
    return image_id

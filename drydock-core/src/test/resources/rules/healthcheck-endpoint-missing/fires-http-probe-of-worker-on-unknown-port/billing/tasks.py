from celery import Celery

app = Celery("billing", broker="redis://redis:6379/0")


@app.task
def invoice(order_id):
    return order_id

from celery import Celery

app = Celery("proj", broker="redis://redis:6379/0")
app.conf.update(
    task_acks_late=True,
    task_time_limit=600,
    task_soft_time_limit=540,
)

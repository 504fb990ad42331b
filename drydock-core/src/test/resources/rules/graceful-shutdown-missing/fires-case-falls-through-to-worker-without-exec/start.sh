#!/bin/bash
set -e
case "$1" in
  web)
    exec gunicorn --bind 0.0.0.0:8000 app:app
    ;;
  worker-after-migrations)
    python -m flask db upgrade
    ;&
  worker)
    # expect: graceful-shutdown-missing
    celery -A app.celery worker
    ;;
  *)
    exec "$@"
    ;;
esac

#!/bin/bash
set -e
case "$1" in
  migrate-and-serve)
    python -m flask db upgrade
    ;&
  web)
    exec gunicorn --bind 0.0.0.0:8000 app:app
    ;;
  worker)
    exec celery -A app.celery worker
    ;;
  *)
    exec "$@"
    ;;
esac

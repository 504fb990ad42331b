#!/bin/sh
set -e

start_web() {
  python -m flask db upgrade
  exec gunicorn --bind 0.0.0.0:8000 app:app
}

start_worker() {
  exec celery -A app.celery worker
}

case "$1" in
  web) start_web ;;
  worker) start_worker ;;
  *) exec "$@" ;;
esac

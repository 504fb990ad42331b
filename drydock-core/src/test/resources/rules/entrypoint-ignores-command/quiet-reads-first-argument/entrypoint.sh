#!/bin/sh
set -e
case "$1" in
  web) exec gunicorn --bind 0.0.0.0:8000 app:app ;;
  worker) exec celery -A app worker ;;
  *) echo "unknown role" >&2; exit 1 ;;
esac

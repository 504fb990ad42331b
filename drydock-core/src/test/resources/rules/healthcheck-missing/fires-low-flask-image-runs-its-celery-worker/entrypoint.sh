#!/bin/sh
set -e

start_web() {
  python -m flask db upgrade || true
  exec flask run --host 0.0.0.0 --port 5000
}

case "$1" in
  web) start_web ;;
  worker) exec celery -A app worker --loglevel=info ;;
  *) exec "$@" ;;
esac

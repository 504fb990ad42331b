#!/bin/sh
set -e

start_worker() {
  python -m flask db upgrade
  # expect: graceful-shutdown-missing
  # expect-text: graceful-shutdown-missing: runs `celery -A app.celery worker` (line 8) without exec
  celery -A app.celery worker
}

case "$1" in
  worker) start_worker ;;
  *) echo "usage: start.sh worker" >&2; exit 64 ;;
esac

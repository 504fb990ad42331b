#!/bin/sh
set -e
gunicorn app:app --bind 0.0.0.0:8000 &
# expect: graceful-shutdown-missing
# expect-text: graceful-shutdown-missing: `gunicorn app:app --bind 0.0.0.0:8000` (line 3), started in the background with `&`, never gets the signal either
# expect-text: graceful-shutdown-missing: Run one program per container
celery -A app worker --loglevel=info

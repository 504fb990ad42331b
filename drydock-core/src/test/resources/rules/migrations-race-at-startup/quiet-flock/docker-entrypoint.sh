#!/bin/sh
set -e
flock /shared/migrate.lock python manage.py migrate --noinput
exec "$@"

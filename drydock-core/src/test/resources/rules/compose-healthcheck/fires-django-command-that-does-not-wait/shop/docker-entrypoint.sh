#!/bin/sh
set -e
# a management command of the project: it retries the connection until the database answers
python manage.py wait_for_db
python manage.py migrate --no-input
exec "$@"

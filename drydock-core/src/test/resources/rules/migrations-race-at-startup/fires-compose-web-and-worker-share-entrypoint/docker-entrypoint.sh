#!/bin/sh
set -e
# expect: migrations-race-at-startup
# expect-text: migrations-race-at-startup: `python manage.py migrate --noinput` (docker-entrypoint.sh line 5) runs at every start of web and worker, 2 containers that compose.yaml starts together: Django's migrate takes no lock
python manage.py migrate --noinput
exec "$@"

#!/bin/sh
set -e
python manage.py migrate
# expect: graceful-shutdown-missing
"$@"

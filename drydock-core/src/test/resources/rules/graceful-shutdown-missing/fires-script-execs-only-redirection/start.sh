#!/bin/sh
set -e
exec 2>&1
flask db upgrade
# expect: graceful-shutdown-missing
# expect-text: graceful-shutdown-missing: Write exec before it (`exec gunicorn --bind 0.0.0.0:8000 app:app`) in start.sh
gunicorn --bind 0.0.0.0:8000 app:app

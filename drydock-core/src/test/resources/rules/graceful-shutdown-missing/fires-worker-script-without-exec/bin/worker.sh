#!/bin/bash
set -e

python manage.py wait_for_db
# expect: graceful-shutdown-missing
# expect-text: graceful-shutdown-missing: Write exec before it (`exec celery -A shop worker --loglevel info`)
celery -A shop worker --loglevel info

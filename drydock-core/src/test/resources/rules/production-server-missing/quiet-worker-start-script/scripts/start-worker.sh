#!/bin/sh
set -e
python manage.py check --deploy
exec celery --app reports worker --concurrency 2

#!/bin/bash
set -e

python manage.py wait_for_db
celery -A shop worker --loglevel info

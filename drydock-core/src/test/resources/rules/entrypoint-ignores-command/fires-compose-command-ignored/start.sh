#!/bin/bash
set -euo pipefail
python manage.py migrate --noinput
exec gunicorn --bind 0.0.0.0:8000 shop.wsgi:application

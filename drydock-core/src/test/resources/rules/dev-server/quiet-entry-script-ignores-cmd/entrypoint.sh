#!/bin/sh
set -e
python -m flask --app web db upgrade
exec gunicorn --bind 0.0.0.0:8000 web:app

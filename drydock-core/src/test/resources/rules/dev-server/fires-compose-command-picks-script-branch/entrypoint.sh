#!/bin/sh
set -e

case "$1" in
  web) exec gunicorn --bind 0.0.0.0:8000 shop.wsgi:application ;;
  dev) exec python manage.py runserver 0.0.0.0:8000 ;;
  *) exec "$@" ;;
esac

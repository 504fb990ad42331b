#!/bin/sh
set -e
mkdir -p /srv/shop/var
python manage.py migrate --noinput
chown -R www-data: /srv/shop/var
exec uwsgi --http :8000 server.ini

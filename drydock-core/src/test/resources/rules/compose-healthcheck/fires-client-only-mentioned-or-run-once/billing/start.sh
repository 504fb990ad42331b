#!/bin/sh
set -e
echo "billing starts; the database answers pg_isready -h $BILLING_DB_HOST once it is up"
python manage.py migrate --no-input
exec "$@"

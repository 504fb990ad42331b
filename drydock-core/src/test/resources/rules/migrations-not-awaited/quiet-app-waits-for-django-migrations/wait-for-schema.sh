#!/bin/sh
set -e
# showmigrations marks a migration not applied yet with [ ]
while python manage.py showmigrations --plan | grep -q '\[ \]'; do
  echo "waiting for the migrations"
  sleep 2
done
exec "$@"

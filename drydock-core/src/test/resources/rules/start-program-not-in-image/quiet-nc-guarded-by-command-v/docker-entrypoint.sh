#!/bin/sh
set -e
if command -v nc >/dev/null 2>&1; then
  until nc -z "$DB_HOST" 5432; do
    sleep 1
  done
fi
exec "$@"

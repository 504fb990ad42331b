#!/bin/sh
set -e
flyway -url="$DB_URL" migrate
exec "$@"

#!/bin/sh
set -e
# expect: start-program-not-in-image
# expect-severity: start-program-not-in-image: high
# expect-text: start-program-not-in-image: python:3.12.8-slim has no nc (the Dockerfile does not install it): the loop tests it again and again
# expect-text: start-program-not-in-image: apt-get install -y --no-install-recommends netcat-openbsd
until nc -z "$DB_HOST" 5432; do
  sleep 1
done
exec "$@"

#!/bin/sh
set -e
if [ "$(id -u)" = "0" ]; then
    chown -R 10001:10001 /app/uploads
fi
exec "$@"

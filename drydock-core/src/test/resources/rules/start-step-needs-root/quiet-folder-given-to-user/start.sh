#!/bin/sh
set -e
mkdir -p /app/logs
chown -R app:app /app
exec python -m http.server 8000

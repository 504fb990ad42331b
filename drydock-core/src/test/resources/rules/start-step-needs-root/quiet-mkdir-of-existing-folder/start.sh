#!/bin/sh
set -e
mkdir -p /app/logs /tmp/cache
echo "started" >> /app/logs/start.log
exec python app.py

#!/bin/sh
set -e
mkdir -p /app/logs
echo "started" > /app/logs/start.log
sed -i "s/DEBUG/INFO/" /app/settings.ini
exec python app.py

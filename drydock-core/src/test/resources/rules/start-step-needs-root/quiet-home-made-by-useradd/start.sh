#!/bin/sh
set -e
mkdir -p /home/app/logs
echo "started" > /home/app/started
exec python app.py

#!/bin/sh
set -e
chown -R app /data
exec python -m http.server 8000

#!/bin/sh
set -e
if [ "$(id -u)" = "0" ]; then
  chown -R app /app
  update-ca-certificates
fi
exec python -m http.server 8000

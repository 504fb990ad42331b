#!/bin/sh
set -e
chown -R app:app /app/uploads 2>/dev/null || true
exec "$@"

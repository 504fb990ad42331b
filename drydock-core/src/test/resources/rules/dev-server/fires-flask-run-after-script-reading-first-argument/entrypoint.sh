#!/bin/sh
set -e
if [ "$1" = "flask" ]; then
  python -m flask db upgrade
fi
exec "$@"

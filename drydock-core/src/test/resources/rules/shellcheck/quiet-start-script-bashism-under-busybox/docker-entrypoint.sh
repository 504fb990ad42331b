#!/bin/sh
set -e
if [ "$MIGRATE" == "1" ]; then
  flask db upgrade
fi
exec "$@"

#!/bin/sh
set -e
# expect: SC3014@17
if [ "$MIGRATE" == "1" ]; then
  flask db upgrade
fi
exec "$@"

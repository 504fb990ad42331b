#!/bin/sh
set -e
# shellcheck disable=SC3014
if [ "$MIGRATE" == "1" ]; then
  flask db upgrade
fi
exec "$@"

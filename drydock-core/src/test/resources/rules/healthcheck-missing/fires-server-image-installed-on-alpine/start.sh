#!/bin/sh
set -e
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  chown -R keydb /data
  exec su-exec keydb "$0" "$@"
fi
exec "$@"

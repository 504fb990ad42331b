#!/bin/sh
set -e
export RUN_UID=${RUN_UID:-0}
chown -R "$RUN_UID" /opt/relay
if [ "$RUN_UID" != "0" ]; then
  exec su-exec ${RUN_UID} "$@"
fi
exec "$@"

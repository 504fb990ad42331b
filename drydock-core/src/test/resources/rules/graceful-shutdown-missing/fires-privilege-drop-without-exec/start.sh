#!/bin/sh
set -e
RUN_AS=${RUN_AS:-10001}
chown -R "$RUN_AS" /opt/relay
if [ "$(id -u)" = "0" ]; then
  su-exec "$RUN_AS" "$@"
else
  exec "$@"
fi

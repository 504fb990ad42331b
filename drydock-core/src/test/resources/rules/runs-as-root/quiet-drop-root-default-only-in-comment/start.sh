#!/bin/sh
set -e
# Older images ran as ${RUN_USER:-root}; the relay user is the default now.
RUN_USER=${RUN_USER:-relay}
chown -R "$RUN_USER" /opt/relay
exec su-exec "$RUN_USER" "$@"

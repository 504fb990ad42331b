#!/bin/sh
set -e
PUID="${PUID:-1000}"
PGID="${PGID:-1000}"
chown -R "$PUID:$PGID" /data
exec setpriv --reuid "$PUID" --regid "$PGID" --clear-groups "$@"

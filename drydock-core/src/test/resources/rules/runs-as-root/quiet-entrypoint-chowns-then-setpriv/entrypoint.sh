#!/bin/sh
set -e
chown -R app:app /data
exec setpriv --reuid=app --regid=app --init-groups "$@"

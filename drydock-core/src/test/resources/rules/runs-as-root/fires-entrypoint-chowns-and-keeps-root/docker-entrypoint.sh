#!/bin/sh
set -e
chown -R node:node /data
update-ca-certificates
exec "$@"

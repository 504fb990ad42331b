#!/bin/sh
set -e
# the container's command would be "$@", but this script starts the server itself
if [ -z "$DATABASE_URL" ]; then
  echo "DATABASE_URL is not set" >&2
  exit 1
fi
node packages/shared/migrate.js
node web/server.js

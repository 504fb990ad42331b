#!/bin/sh
set -e

if [ -z "$DATABASE_URL" ]; then
    echo "Error: set DATABASE_URL"
    exit 1
fi

# The same image runs the queue worker when asked to
if [ "$CONTAINER_ROLE" = "worker" ]; then
    exec node worker/dist/index.js
fi

node web/server.js --keepAliveTimeout 110000

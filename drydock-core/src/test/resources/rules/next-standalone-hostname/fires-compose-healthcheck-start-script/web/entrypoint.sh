#!/bin/sh
set -e

# Build the connection string from its parts when it is not given whole
if [ -z "$DATABASE_URL" ]; then
    if [ -n "$DATABASE_HOST" ] && [ -n "$DATABASE_USERNAME" ]; then
        export DATABASE_URL="postgresql://${DATABASE_USERNAME}:${DATABASE_PASSWORD}@${DATABASE_HOST}/${DATABASE_NAME}"
    else
        echo "Error: set DATABASE_URL, or DATABASE_HOST and DATABASE_USERNAME"
        exit 1
    fi
fi

if [ "$AUTO_MIGRATE" != "false" ]; then
    node_modules/.bin/prisma migrate deploy --schema=./web/prisma/schema.prisma
    status=$?
    if [ $status -ne 0 ]; then
        echo "Applying database migrations failed."
        exit 1
    fi
fi

node web/server.js --keepAliveTimeout 110000

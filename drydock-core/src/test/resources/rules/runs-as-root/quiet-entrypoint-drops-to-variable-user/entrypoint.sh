#!/bin/sh
set -e
chown -R "$APP_USER" storage
exec su-exec "${APP_USER}" "$@"

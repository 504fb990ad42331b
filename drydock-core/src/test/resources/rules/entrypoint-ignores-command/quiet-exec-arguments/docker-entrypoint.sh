#!/bin/sh
set -e
node migrate.js
set -- "${@}"
exec "$@"

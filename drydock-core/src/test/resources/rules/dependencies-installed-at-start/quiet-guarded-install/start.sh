#!/bin/sh
set -e
[ -d node_modules ] || npm ci --omit=dev
exec node server.js

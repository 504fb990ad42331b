#!/bin/sh
set -e
node scripts/check-config.js
exec node server.js

#!/bin/sh
set -e
# expect: dependencies-installed-at-start
# expect-text: dependencies-installed-at-start: `npm ci --omit=dev` (start.sh line 5)
npm ci --omit=dev
exec node server.js

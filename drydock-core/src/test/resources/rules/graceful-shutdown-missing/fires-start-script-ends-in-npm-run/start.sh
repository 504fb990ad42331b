#!/bin/sh
set -e
node dist/seed.js
# expect: graceful-shutdown-missing
# expect-text: graceful-shutdown-missing: with exec alone npm would be PID 1
npm run start:prod

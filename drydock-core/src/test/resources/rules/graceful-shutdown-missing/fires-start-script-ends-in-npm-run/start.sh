#!/bin/sh
set -e
node dist/seed.js
npm run start:prod

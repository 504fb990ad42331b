#!/bin/sh
set -e
exec node dist/server.js

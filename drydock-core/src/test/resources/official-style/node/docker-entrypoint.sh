#!/bin/sh
set -e
# Options and script files go to node; any other command runs as given.
case "$1" in
  -*|*.js|*.mjs|*.cjs) set -- node "$@" ;;
esac
exec "$@"

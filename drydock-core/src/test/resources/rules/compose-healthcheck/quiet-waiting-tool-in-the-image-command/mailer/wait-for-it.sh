#!/bin/bash
# usage: wait-for-it.sh host:port [--timeout=N] -- command [args...]
target=$1
shift
while [ "$1" != "--" ] && [ $# -gt 0 ]; do
  shift
done
shift
until (exec 3<>"/dev/tcp/${target%%:*}/${target##*:}") 2>/dev/null; do
  sleep 1
done
exec "$@"

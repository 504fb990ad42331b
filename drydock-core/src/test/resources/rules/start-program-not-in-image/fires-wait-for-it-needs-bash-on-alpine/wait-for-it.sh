#!/usr/bin/env bash
# waits for a TCP host:port, then runs the command
host=${1%:*}
port=${1#*:}
shift 2
until (echo > /dev/tcp/$host/$port) 2>/dev/null; do sleep 1; done
exec "$@"

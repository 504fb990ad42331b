#!/bin/sh
set -eu
# with no arguments, or only flags, run the daemon with TLS on 2376
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
	set -- dockerd --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2376 --tlsverify "$@"
fi
exec "$@"

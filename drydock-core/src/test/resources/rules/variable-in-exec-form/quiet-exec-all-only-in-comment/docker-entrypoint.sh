#!/bin/sh
set -e
# Not a plain exec "$@": the arguments are one command line, which a shell expands here.
exec sh -c "exec $*"

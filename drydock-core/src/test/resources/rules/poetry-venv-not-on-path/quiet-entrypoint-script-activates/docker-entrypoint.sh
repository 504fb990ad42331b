#!/bin/sh
set -e
. "$(poetry env info --path)/bin/activate"
exec "$@"

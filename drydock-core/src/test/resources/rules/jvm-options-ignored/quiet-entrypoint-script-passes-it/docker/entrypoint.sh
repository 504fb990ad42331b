#!/bin/sh
set -e
export JDK_JAVA_OPTIONS="$JAVA_OPTS"
exec "$@"

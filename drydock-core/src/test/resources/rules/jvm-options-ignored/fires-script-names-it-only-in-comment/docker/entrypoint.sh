#!/bin/sh
set -e
# JAVA_OPTS is set in the image for the old start script; this one does not read it.
echo "starting orders (JAVA_OPTS comes from the image)"
exec "$@"

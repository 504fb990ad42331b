#!/bin/bash
set -e
# trust the certificates mounted at /usr/local/share/ca-certificates
if [ -n "$(ls -A /usr/local/share/ca-certificates/)" ]; then
  update-ca-certificates
fi
# the base image's own entry point takes over in this shell, with these arguments
source /docker-entrypoint.sh

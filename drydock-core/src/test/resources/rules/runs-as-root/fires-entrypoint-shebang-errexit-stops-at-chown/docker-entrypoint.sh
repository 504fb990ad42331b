#!/bin/sh -ex
chown -R node:node /data
exec "$@"

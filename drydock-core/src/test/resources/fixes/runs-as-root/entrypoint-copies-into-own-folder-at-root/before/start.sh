#!/bin/sh -e
cp /srv/defaults.toml /srv/settings
mkdir -p /srv/cache
exec "$@"

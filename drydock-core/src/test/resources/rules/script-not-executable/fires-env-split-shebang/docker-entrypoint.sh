#!/usr/bin/env -S bash -eu
exec "$@"

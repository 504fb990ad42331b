#!/bin/sh
set -e
exec tracker-server "$@"

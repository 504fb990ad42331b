#!/bin/sh
set -e
# the first argument numbers the worker; its node name reads "worker #2@host"
NODE_NAME="worker #$1"
exec celery -A app.celery worker -n "$NODE_NAME@%h"

#!/bin/sh
set -e
exec celery -A tasks worker --loglevel=info

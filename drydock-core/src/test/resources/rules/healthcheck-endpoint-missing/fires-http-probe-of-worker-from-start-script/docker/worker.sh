#!/bin/sh
set -e
echo "starting the billing worker"
exec celery -A billing.tasks worker --loglevel=INFO

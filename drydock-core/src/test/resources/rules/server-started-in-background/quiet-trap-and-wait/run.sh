#!/bin/bash
gunicorn shop.wsgi --bind 0.0.0.0:8000 &
web=$!
celery -A shop worker --loglevel=info &
worker=$!
trap 'kill -TERM "$web" "$worker"' TERM INT
wait -n
status=$?
kill -TERM "$web" "$worker" 2>/dev/null
wait
exit "$status"

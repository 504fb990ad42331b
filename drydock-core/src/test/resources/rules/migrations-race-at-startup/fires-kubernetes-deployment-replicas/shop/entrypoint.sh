#!/bin/sh
set -e
# expect: migrations-race-at-startup
# expect-text: migrations-race-at-startup: runs at every start of the pods of Deployment shop (replicas: 3, k8s/shop.yaml line 6)
flask db upgrade
exec gunicorn --bind 0.0.0.0:8000 "shop:create_app()"

#!/bin/bash
set -euo pipefail
envsubst '$PORT' < /templates/nginx.conf.template > /etc/nginx/conf.d/default.conf
exec nginx -g 'daemon off;'

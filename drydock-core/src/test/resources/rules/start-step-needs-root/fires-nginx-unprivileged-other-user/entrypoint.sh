#!/bin/sh
set -eu
# expect: start-step-needs-root
envsubst '$PORT' < /templates/nginx.conf.template > /etc/nginx/conf.d/default.conf
exec nginx -g 'daemon off;'

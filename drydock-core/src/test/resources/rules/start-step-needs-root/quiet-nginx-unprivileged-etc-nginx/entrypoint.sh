#!/bin/sh
set -eu
envsubst '$PORT' < /templates/nginx.conf.template > /etc/nginx/conf.d/default.conf
sed -i "s/worker_processes .*/worker_processes 2;/" /etc/nginx/nginx.conf
exec nginx -g 'daemon off;'

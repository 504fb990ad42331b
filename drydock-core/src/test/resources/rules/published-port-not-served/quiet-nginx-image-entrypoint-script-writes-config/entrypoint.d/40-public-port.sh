#!/bin/sh
set -eu
sed -i "s/listen 80;/listen ${PUBLIC_PORT};/" /etc/nginx/conf.d/site.conf

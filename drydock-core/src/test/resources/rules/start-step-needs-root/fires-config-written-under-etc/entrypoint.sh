#!/bin/bash
set -euo pipefail
# expect: start-step-needs-root
# expect-text: start-step-needs-root: writes /etc/nginx/conf.d/default.conf, under /etc, which belongs to root
envsubst '$PORT' < /templates/nginx.conf.template > /etc/nginx/conf.d/default.conf
exec nginx -g 'daemon off;'

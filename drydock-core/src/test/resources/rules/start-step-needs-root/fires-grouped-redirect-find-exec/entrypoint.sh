#!/bin/bash
set -euo pipefail
# expect: start-step-needs-root
{
  echo "server {"
  echo "  listen ${PORT:-8080};"
  echo "}"
} > /etc/nginx/conf.d/default.conf
# expect: start-step-needs-root
find /etc/nginx -name '*.conf' -exec sed -i "s/__HOST__/${HOST}/g" {} +
# expect: start-step-needs-root
grep -rl __PORT__ /etc/nginx | xargs sed -i "s/__PORT__/${PORT}/g"
exec nginx -g 'daemon off;'

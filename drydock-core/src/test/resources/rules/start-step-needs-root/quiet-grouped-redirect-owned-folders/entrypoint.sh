#!/bin/bash
set -euo pipefail
{
  echo "server {"
  echo "  listen ${PORT:-8080};"
  echo "}"
} > /etc/nginx/conf.d/default.conf
{ echo "started"; date; } >> /tmp/start.log
find /srv/conf -name '*.conf' -exec sed -i "s/__HOST__/${HOST}/g" {} +
grep -rl __PORT__ /srv/conf | xargs sed -i "s/__PORT__/${PORT}/g"
find /etc/nginx -name '*.conf' -print
exec nginx -g 'daemon off;'

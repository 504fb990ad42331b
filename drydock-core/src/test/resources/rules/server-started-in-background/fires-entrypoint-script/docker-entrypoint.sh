#!/bin/sh
set -e
# expect: server-started-in-background
# expect-text: server-started-in-background: the entry-point script docker-entrypoint.sh starts `nginx -g 'daemon off;'` in the background
# expect-text: server-started-in-background: keeps running on gunicorn alone
nginx -g 'daemon off;' &
exec "$@"

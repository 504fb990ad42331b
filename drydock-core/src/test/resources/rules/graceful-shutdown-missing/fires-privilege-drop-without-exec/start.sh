#!/bin/sh
set -e
RUN_AS=${RUN_AS:-10001}
chown -R "$RUN_AS" /opt/relay
if [ "$(id -u)" = "0" ]; then
  # expect: graceful-shutdown-missing
  # expect-text: graceful-shutdown-missing: runs the container's command without exec (line 9: `su-exec "$RUN_AS" "$@"`)
  # expect-text: graceful-shutdown-missing: Write exec before it (`exec su-exec "$RUN_AS" "$@"`) in start.sh
  su-exec "$RUN_AS" "$@"
else
  exec "$@"
fi

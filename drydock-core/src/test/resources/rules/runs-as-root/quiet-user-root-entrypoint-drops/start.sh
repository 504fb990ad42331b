#!/bin/sh
chown -R node /home/node /data
if [ "$#" -gt 0 ]; then
  exec su-exec node "$@"
fi
exec su-exec node worktool

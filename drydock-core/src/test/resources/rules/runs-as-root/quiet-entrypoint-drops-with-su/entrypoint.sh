#!/bin/sh
if [ -n "${BUCKET_MOUNT}" ]; then
  mkdir -p "${BUCKET_MOUNT}"
  chown nobody:nogroup "${BUCKET_MOUNT}"
  s3fs livebeats-store "${BUCKET_MOUNT}" -o allow_other -o uid="$(id -u nobody)" -o gid="$(id -g nobody)"
fi
cd /app/bin
su -s /bin/bash nobody -c 'PHX_SERVER=true exec ./live_beats start'

#!/bin/sh
chown -R node /data
exec worktool "$@"

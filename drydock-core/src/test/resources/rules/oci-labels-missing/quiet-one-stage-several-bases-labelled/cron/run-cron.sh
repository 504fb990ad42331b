#!/bin/sh
for job in "$@"; do echo "$job"; done | crontab -
exec cron -f

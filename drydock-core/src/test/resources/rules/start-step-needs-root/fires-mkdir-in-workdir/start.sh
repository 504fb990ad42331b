#!/bin/sh
set -e
# expect: start-step-needs-root
# expect-text: start-step-needs-root: creates /app/logs, in /app, which WORKDIR on line 3 of Dockerfile made owned by root
# expect-text: start-step-needs-root: RUN chown 10001 /app
mkdir -p /app/logs
exec python app.py

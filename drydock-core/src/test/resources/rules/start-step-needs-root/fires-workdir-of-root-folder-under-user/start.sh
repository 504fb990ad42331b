#!/bin/sh
set -e
# expect: start-step-needs-root
# expect-text: start-step-needs-root: creates /app/logs, in /app, which the RUN mkdir on line 2 of Dockerfile made owned by root
mkdir -p /app/logs
exec python app.py

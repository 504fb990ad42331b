#!/bin/sh
set -e
# expect: start-step-needs-root
# expect-text: start-step-needs-root: creates /home/app/logs, in /home/app, which WORKDIR on line 3 of Dockerfile made owned by root
mkdir -p /home/app/logs
exec python app.py

#!/bin/sh
set -e
# expect: start-step-needs-root
# expect-severity: start-step-needs-root: high
# expect-text: start-step-needs-root: gives /app to app, but WORKDIR on line 3 of Dockerfile made it owned by root
# expect-text: start-step-needs-root: the container runs as app (USER on line 5 of Dockerfile), not root
chown -R app:app /app
exec python -m http.server 8000

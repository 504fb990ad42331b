#!/bin/sh
set -e
# expect: start-step-needs-root
# expect-text: start-step-needs-root: the container runs as app (USER on line 6 of Dockerfile)
update-ca-certificates
exec python -m http.server 8000

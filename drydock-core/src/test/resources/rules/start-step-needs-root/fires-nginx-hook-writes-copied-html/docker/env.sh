#!/bin/sh
set -eu
# expect: start-step-needs-root
# expect-text: start-step-needs-root: writes /usr/share/nginx/html/env.js, in /usr/share/nginx/html, which the COPY on line 2 of Dockerfile made owned by root
echo "window.API_URL='${API_URL}';" > /usr/share/nginx/html/env.js

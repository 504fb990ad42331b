#!/bin/sh
set -e
# expect: start-step-needs-root
# expect-text: start-step-needs-root: writes /usr/share/nginx/html/*.js in place, which makes a temporary file beside it in /usr/share/nginx/html, which the COPY on line 2 of Dockerfile made owned by root
# expect-text: start-step-needs-root: Give /usr/share/nginx/html to nginx in the image, before USER: COPY --chown=nginx on line 2
sed -i "s|__API_URL__|$API_URL|g" /usr/share/nginx/html/*.js
exec nginx -g 'daemon off;'

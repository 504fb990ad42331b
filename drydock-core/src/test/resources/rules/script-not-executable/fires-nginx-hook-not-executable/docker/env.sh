#!/bin/sh
echo "window.API_URL=1" > /usr/share/nginx/html/env.js

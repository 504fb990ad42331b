#!/bin/sh
exec node /srv/index.js

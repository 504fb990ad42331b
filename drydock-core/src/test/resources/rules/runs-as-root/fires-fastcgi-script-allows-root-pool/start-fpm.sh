#!/bin/sh
set -e
exec php-fpm --allow-to-run-as-root --nodaemonize

#!/bin/sh
set -e
# expect: migrations-race-at-startup
# expect-text: migrations-race-at-startup: or add --isolated (Laravel 9 and later)
php artisan migrate --force
exec "$@"

#!/bin/sh
set -e
php artisan config:cache
exec php artisan queue:work --queue=billing --timeout=120

#!/bin/sh
set -e
php artisan config:cache
exec php artisan queue:work --timeout=5

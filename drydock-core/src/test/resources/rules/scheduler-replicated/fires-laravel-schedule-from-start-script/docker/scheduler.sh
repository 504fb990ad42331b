#!/bin/sh
set -e
php artisan config:cache
exec php artisan schedule:work

#!/bin/sh
php artisan route:cache
exec php-fpm -F

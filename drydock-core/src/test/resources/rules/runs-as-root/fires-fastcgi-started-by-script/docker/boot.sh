#!/bin/sh
php artisan config:cache
php artisan view:cache
exec php-fpm

#!/bin/sh
set -e
chown -R www-data:www-data /var/www/storage
php artisan config:cache
exec php-fpm

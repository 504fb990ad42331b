#!/bin/sh
set -e
php /var/www/html/bin/migrate.php
exec apache2-foreground

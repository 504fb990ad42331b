#!/bin/sh
# expect: start-step-needs-root
# expect-severity: start-step-needs-root: medium
# expect-text: start-step-needs-root: gives /var/www/html/storage to www-data, and only root may give a file to another user
# expect-text: start-step-needs-root: the script goes on without it
chown -R www-data:www-data /var/www/html/storage
exec php-fpm

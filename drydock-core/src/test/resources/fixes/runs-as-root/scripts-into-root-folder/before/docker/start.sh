#!/bin/sh
exec /opt/ledger/ledger --config /srv/ledger/config

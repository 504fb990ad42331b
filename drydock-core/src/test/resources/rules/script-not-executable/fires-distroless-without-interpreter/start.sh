#!/bin/bash
exec /usr/local/bin/ledger "$@"

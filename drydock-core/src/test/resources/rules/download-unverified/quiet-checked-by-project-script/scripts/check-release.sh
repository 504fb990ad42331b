#!/bin/sh
set -eu
minisign -Vm "$1" -P "$PUBKEY"

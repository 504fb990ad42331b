#!/bin/sh
cd -P -- "$(dirname -- "$0")"
PHX_SERVER=true exec ./harbor start

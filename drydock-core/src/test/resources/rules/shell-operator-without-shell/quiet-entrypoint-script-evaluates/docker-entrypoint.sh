#!/bin/sh
set -e
eval "exec $*"

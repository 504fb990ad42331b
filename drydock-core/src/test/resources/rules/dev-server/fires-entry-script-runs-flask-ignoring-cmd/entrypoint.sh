#!/bin/sh
set -e
exec flask run --host=0.0.0.0

#!/bin/sh
exec /app/api "$@"

#!/bin/sh
set -e
dotnet restore
exec "$@"

#!/bin/sh
exec java -jar /app/app.jar "$@"

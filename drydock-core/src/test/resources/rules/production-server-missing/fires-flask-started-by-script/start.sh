#!/bin/sh
set -e
echo starting
exec python app.py

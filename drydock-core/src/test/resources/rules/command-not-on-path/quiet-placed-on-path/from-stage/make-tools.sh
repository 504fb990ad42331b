#!/bin/sh
mkdir -p "$1" && cp start.sh "$1"/

#!/bin/sh
# copies the chosen app and the root manifests into out/
set -eu
mkdir -p out
cp -r package.json "apps/$1" out/

#!/bin/bash
# checks that the binaries built in the builder stage are statically linked
set -e

echo "Building for amd64..."
docker build --platform linux/amd64 -t telemt-test-amd64 --target builder --output type=local,dest=./dist/amd64 .

echo "Building for arm64..."
docker build --platform linux/arm64 -t telemt-test-arm64 --target builder --output type=local,dest=./dist/arm64 .

file ./dist/amd64/out/telemt
if readelf -l ./dist/amd64/out/telemt 2>/dev/null | grep -q "INTERP"; then
    echo "amd64: binary is dynamically linked"
    exit 1
fi

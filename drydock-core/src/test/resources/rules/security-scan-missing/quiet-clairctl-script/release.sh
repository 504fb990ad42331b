#!/bin/sh
set -eu
docker build -t registry.example.com/shop:"$VERSION" .
docker push registry.example.com/shop:"$VERSION"
clairctl report registry.example.com/shop:"$VERSION"

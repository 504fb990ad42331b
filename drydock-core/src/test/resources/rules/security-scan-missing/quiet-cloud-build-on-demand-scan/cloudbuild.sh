#!/bin/sh
set -eu
docker build -t "europe-docker.pkg.dev/acme/shop/web:$SHORT_SHA" .
docker push "europe-docker.pkg.dev/acme/shop/web:$SHORT_SHA"
gcloud artifacts docker images scan "europe-docker.pkg.dev/acme/shop/web:$SHORT_SHA" --remote --format='value(response.scan)'

#!/bin/sh
set -e

serve() {
  exec node web/server.js
}

node packages/shared/migrate.js
serve

#!/bin/sh
set -e
# expect: dependencies-installed-at-start
# expect-text: dependencies-installed-at-start: `bundle install` (docker-entrypoint.sh line 5) runs at every start of the container built from Dockerfile
bundle install
bundle exec rails db:migrate
exec "$@"

#!/usr/bin/env bash
# Restarts the indexer once in safe mode when it was killed while loading.

on_term() {
  kill -TERM "$child" 2>/dev/null
}
trap on_term TERM

./indexer "$@" &
child=$!
wait "$child"
status=$?

if [ "$status" = 137 ] && [ ! -f .loaded ]; then
  INDEXER_SAFE_MODE=1 ./indexer "$@" &
  child=$!
  wait "$child"
  status=$?
fi
exit "$status"

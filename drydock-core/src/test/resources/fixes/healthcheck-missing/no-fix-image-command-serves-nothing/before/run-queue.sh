#!/bin/sh
set -e
exec rq worker --url "redis://redis:6379/0" thumbnails

#!/bin/sh
set -e
# expect: uv-run-installs-at-start
# expect-text: uv-run-installs-at-start: (`uv sync --locked` with UV_NO_DEV set, line 6 of Dockerfile)
exec uv run uvicorn main:app --host 0.0.0.0 --port 8000

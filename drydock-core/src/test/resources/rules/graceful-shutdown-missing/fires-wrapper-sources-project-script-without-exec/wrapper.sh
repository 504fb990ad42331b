#!/bin/bash
set -e
python -m app.migrate
source /usr/local/lib/serve.sh

set -e
mkdir -p target

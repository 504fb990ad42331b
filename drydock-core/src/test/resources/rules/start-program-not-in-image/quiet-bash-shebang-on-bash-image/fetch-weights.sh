#!/usr/bin/env bash
set -Eeuo pipefail
declare -A targets=([encoder]=/weights/encoder.bin [decoder]=/weights/decoder.bin)
for name in "${!targets[@]}"; do
  aria2c --continue --dir "$(dirname "${targets[$name]}")" "https://models.example.org/${name}.bin"
done

#!/usr/bin/env bash
# Writes SHA256SUMS for every packaged artifact in the current directory (dist/).
set -euo pipefail
shopt -s nullglob
artifacts=(*.pex *.whl *.tar.gz)
if [ ${#artifacts[@]} -eq 0 ]; then
  echo "no artifacts found; run 'pants package ::' first" >&2
  exit 1
fi
sha256sum "${artifacts[@]}" | tee SHA256SUMS

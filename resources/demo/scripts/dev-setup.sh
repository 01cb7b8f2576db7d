#!/usr/bin/env bash
# Creates a local virtualenv with Orchard's locked requirements for editor support.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet -r requirements.txt pytest
echo "Activate with: source .venv/bin/activate"

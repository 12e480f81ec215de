#!/usr/bin/env bash
# Installs the test tools (Debian's Chromium included) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"

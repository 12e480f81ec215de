#!/usr/bin/env bash
# Starts the dashboard on articles/ and the shipped cache: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"

#!/usr/bin/env bash
# Starts the dashboard on articles/ and the shipped cache: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The gazetteer index is built once per machine (about 9 s); do it here rather than
# behind the first page load.
.venv/bin/python -c "from geo.gazetteer.index import load_gazetteer; load_gazetteer()"
exec .venv/bin/streamlit run app.py "$@"

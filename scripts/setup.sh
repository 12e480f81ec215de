#!/usr/bin/env bash
# Installs what the project needs into .venv (idempotent). With --test, also
# the test tools and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x .venv/bin/python ]; then
  # Debian ships venv's pip bootstrap separately (python3-venv).
  "$PY" -m venv .venv 2>/dev/null || { rm -rf .venv; apt_install python3-venv; "$PY" -m venv .venv; }
fi
if [ "${1:-}" = "--test" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
  [ -x /usr/bin/chromium ] || apt_install chromium
  # The event-store tests start a real PostgreSQL server (tests/conftest.py).
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
else
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
fi

#!/usr/bin/env bash
# Install everything the test suite needs, then run the whole suite (unit, AppTest, browser) in one pytest run.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
exec python -m pytest "$@"

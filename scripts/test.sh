#!/usr/bin/env bash
# Install everything the test suite needs, then run the whole suite (unit, AppTest, browser) in one pytest run.
#   bash scripts/test.sh --fast [pytest args]: the inner loop; no install step, no browser, no page runs, nothing slow.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--fast" ]; then
  shift
  exec python -m pytest -q -p no:cacheprovider -m "not browser and not page and not slow" "$@"
fi
python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# Browser tests drive Debian's Chromium (Playwright never downloads one); CJK fonts draw the Chinese page.
# Installed here when missing and we may (root, apt-get); under CI a missing browser then fails the tests.
missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -n "$(fc-list :lang=zh 2>/dev/null || true)" ] || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
exec python -m pytest "$@"

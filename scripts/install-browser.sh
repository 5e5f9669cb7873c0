#!/usr/bin/env bash
# Install Debian's chromium for the browser test (tests/test_demo_browser.py) if missing.
# Idempotent and quiet. Playwright drives this system browser; its own browser download
# (`playwright install`) is never used.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here; install chromium by hand (the browser test skips without it)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
echo "install-browser: installed $(/usr/bin/chromium --version 2>/dev/null | head -1)"

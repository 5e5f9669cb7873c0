#!/usr/bin/env bash
# Set everything up (Python packages and the browser the classroom test drives), then
# run the whole test suite on two cores. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install-browser.sh
.venv/bin/python -m pytest -n 2 "$@"

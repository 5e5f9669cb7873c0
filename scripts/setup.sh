#!/usr/bin/env bash
# Set up Ripple in ./.venv: Python 3.12 and every dependency from pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
  echo "error: Ripple needs Python >= 3.12, but '$PY' is $("$PY" --version 2>&1)." >&2
  echo "       With pyenv, the committed .python-version selects 3.12; otherwise set PYTHON=/path/to/python3.12." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  rm -rf .venv
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[all]'
# compile the model's kernels now (numba's disk cache), not in front of the first answer
.venv/bin/python scripts/compile_kernels.py
echo "Ripple is set up in .venv ($(.venv/bin/python --version))."

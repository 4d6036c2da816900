#!/usr/bin/env bash
# Builds the Python package (crates/python) into a fresh virtual environment
# and runs its pytest suite, which compares it with the CLI (TIFA_BIN).
#   bash scripts/python-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    echo "python-tests: needs python3 >= 3.9 with its venv module (and PyPI reachable for pip)" >&2
    exit 1
fi
VENV=target/py-venv
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q maturin pytest pandas polars pyarrow
# shellcheck disable=SC1091
. "$VENV/bin/activate"
(cd crates/python && maturin develop -q)
# The CLI to compare with: the one `cargo test` built, else a fresh build.
if [ ! -x target/debug/tifa ]; then cargo build -q -p tifa-cli; fi
TIFA_BIN=target/debug/tifa python -m pytest -q crates/python/tests

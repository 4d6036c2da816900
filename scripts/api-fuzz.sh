#!/usr/bin/env bash
# Fuzzes tifa-server through its own OpenAPI document with schemathesis
# (PyPI; not needed by `cargo test`): every check, for a time budget.
#
#   bash scripts/api-fuzz.sh [SECONDS]     # default 300
#
# Checks openapi.json against the OpenAPI 3.1 schema (openapi-spec-validator),
# installs both tools into target/api-fuzz-venv on first use, builds and
# starts a release server on a free local port, and prints schemathesis's
# summary; exits with its status.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_BUDGET="${1:-300}"
VENV=target/api-fuzz-venv
if [ ! -x "$VENV/bin/schemathesis" ] || ! "$VENV/bin/python" -c "import openapi_spec_validator" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q schemathesis openapi-spec-validator
fi
# The document itself first: a valid OpenAPI 3.1 description.
"$VENV/bin/python" - <<'PY'
import json
from openapi_spec_validator import validate
validate(json.load(open("crates/server/src/openapi.json", encoding="utf-8")))
print("openapi.json: a valid OpenAPI 3.1 document")
PY
cargo build -q --release -p tifa-server
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/tifa-server --addr "127.0.0.1:$PORT" --timeout 5 2>target/api-fuzz-server.log &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" \
  --checks all --max-time "$SECONDS_BUDGET" --wait-for-schema 30 \
  --generation-codec utf-8 --request-timeout 10

#!/usr/bin/env bash
# The OpenAPI contract suite: validate schema/openapi.yaml, then schemathesis against a live server.
#   Tests/OpenAPI/run.sh [SERVER_BINARY] [--max-time S] [--max-examples N]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/debug/chatham-server}
shift || true
exec "${PYTHON:-python3}" Tests/OpenAPI/run_schemathesis.py "$BIN" "$@"

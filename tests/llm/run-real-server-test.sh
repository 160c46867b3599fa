#!/usr/bin/env bash
# Real-LLM integration test in one command (for .ci/run): installs the pinned server and model
# (idempotent), starts it on a free port, runs index-builder's llm_real_server test against it,
# and always stops it again. Extra arguments go to `cargo test` after `--locked`.
#   bash tests/llm/run-real-server-test.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PIDFILE="$ROOT/.llm/server-test.pid"
URL="$(bash tests/llm/start.sh "$PIDFILE")"
trap 'bash "$ROOT/tests/llm/stop.sh" "$PIDFILE"' EXIT
echo "[llm] server at $URL (log: .llm/server.log)" >&2
PTMPICKER_LLM_BASE_URL="$URL" cargo test --locked "$@" -p index-builder --test llm_real_server -- --test-threads 1 --nocapture

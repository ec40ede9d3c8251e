#!/usr/bin/env bash
# Builds what the benchmarks need and prints their tables:
#   bench/budget.mjs  bytes on first load, first frame, idle CPU (the site in headless Chromium)
#   bench/frames.mjs  app CPU per frame, p50/p95, every instrument with its heaviest preset
#   bench/power.mjs   Experiment power engine: solves and full updates, native vs wasm
#   bench/persona.mjs persona parser: all souls parsed into checklists, native vs wasm
#   bench/guide.mjs   persona guide: UI time per frame while a 25 kB soul scrolls (wasm, Chromium)
#   bench/serving.mjs Serving simulator: requests/s native vs wasm vs SimPy
#   bench/drift.mjs   Drift lens: 1M vs 1M metrics and CSV MB/s, native vs wasm vs scipy/numpy
#   bench/drift_frames.mjs  Drift lens: a 100 MB CSV dropped on the page (load time, frame gaps)
#   bench/summary.mjs every budgeted figure above, PASS/FAIL, ending "N passed, N failed"
# Exit status 1 if any budget fails. docs/performance.md holds the latest table.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
"$ROOT/scripts/setup.sh" test
"$ROOT/scripts/build-site.sh" >/dev/null
cmake --preset native >/dev/null
cmake --build --preset native -j"$(nproc)" --target mlwb_power_bench mlwb_persona_bench mlwb_serving_bench mlwb_drift_bench >/dev/null
cmake --build --preset wasm -j"$(nproc)" --target mlwb_power_bench mlwb_persona_bench mlwb_serving_bench mlwb_drift_bench >/dev/null
status=0
rm -f "$ROOT"/build/bench/*.json  # the summary reports this run only
node "$ROOT/bench/budget.mjs" "$@" || status=1
echo
node "$ROOT/bench/frames.mjs" || status=1
echo
node "$ROOT/bench/power.mjs" || status=1
echo
node "$ROOT/bench/persona.mjs" || status=1
echo
node "$ROOT/bench/guide.mjs" || status=1
echo
node "$ROOT/bench/serving.mjs" || status=1
echo
node "$ROOT/bench/serving_frames.mjs" || status=1
echo
node "$ROOT/bench/drift.mjs" || status=1
echo
node "$ROOT/bench/drift_frames.mjs" || status=1
node "$ROOT/bench/summary.mjs" || status=1
exit $status

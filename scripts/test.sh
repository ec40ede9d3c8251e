#!/usr/bin/env bash
# README command 2: install what is missing, build everything, run every test.
#
#   1. native   g++ -Werror: engine, CLI and UI tests (Catch2 + CTest)
#   2. sanitize clang with AddressSanitizer + UBSan: the same tests, plus the libFuzzer run
#   3. wasm     em++: the app (build/site) and the engine tests under Node, plus the size budget
#   4. browser  headless Chromium (playwright-core) against build/site on 127.0.0.1
#
# Every stage runs even if an earlier one failed; the last line is the total:
# "N passed, N failed". Exit status is non-zero if anything failed or did not build.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
JOBS="$(nproc)"
LOG_DIR="$ROOT/build/test-logs"

"$ROOT/scripts/setup.sh" test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
mkdir -p "$LOG_DIR"

PASSED=0
FAILED=0
SUMMARY=()

stage() { printf '\n==== %s ====\n' "$*"; }

# run_ctest NAME PRESET: configure, build, test; counts CTest's results.
run_ctest() {
  local name="$1" preset="$2" log="$LOG_DIR/$1.log"
  stage "$name: configure and build"
  if ! { cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset" -j"$JOBS"; } >"$log.build" 2>&1; then
    tail -40 "$log.build"
    echo "$name: BUILD FAILED (full log: $log.build)"
    FAILED=$((FAILED + 1))
    SUMMARY+=("$name: build failed")
    return
  fi
  stage "$name: test"
  ctest --preset "$preset" -j"$JOBS" 2>&1 | tee "$log" | grep -E "tests passed|tests failed|\*\*\*|Failed|Timeout" || true
  local line total failed
  line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)"
  if [ -z "$line" ]; then
    echo "$name: ctest printed no summary"
    FAILED=$((FAILED + 1))
    SUMMARY+=("$name: no summary")
    return
  fi
  failed="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
  total="$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")"
  PASSED=$((PASSED + total - failed))
  FAILED=$((FAILED + failed))
  SUMMARY+=("$name: $((total - failed)) passed, $failed failed")
}

run_browser() {
  local log="$LOG_DIR/browser.log"
  stage "browser: headless Chromium against build/site"
  if [ ! -f "$ROOT/build/site/mlwb.wasm" ]; then
    echo "browser: build/site is missing (the wasm build failed)"
    FAILED=$((FAILED + 1))
    SUMMARY+=("browser: no site")
    return
  fi
  node --test "$ROOT/tests/browser/" >"$log" 2>&1
  grep -E "^(not )?ok |^# (tests|pass|fail)" "$log"
  grep -q "^not ok" "$log" && grep -A25 "^not ok" "$log" | head -80
  local pass fail
  pass="$(grep -E '^# pass [0-9]+' "$log" | awk '{print $3}')"
  fail="$(grep -E '^# fail [0-9]+' "$log" | awk '{print $3}')"
  if [ -z "$pass" ] || [ -z "$fail" ]; then
    echo "browser: the test runner printed no summary"; tail -30 "$log"
    FAILED=$((FAILED + 1)); SUMMARY+=("browser: no summary"); return
  fi
  PASSED=$((PASSED + pass))
  FAILED=$((FAILED + fail))
  SUMMARY+=("browser: $pass passed, $fail failed")
}

START=$(date +%s)
run_ctest native native
run_ctest sanitize sanitize
run_ctest wasm wasm
run_browser

stage "summary ($(( $(date +%s) - START )) s)"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

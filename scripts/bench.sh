#!/usr/bin/env bash
# Builds the site if needed and prints the performance budget table (bench/budget.mjs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" test
"$ROOT/scripts/build-site.sh" >/dev/null
exec node "$ROOT/bench/budget.mjs" "$@"

#!/usr/bin/env bash
# Regenerates tests/golden/power_methods.json: golden values for the power engine's sample-size
# methods from outside references (R 4.2.2 stats + pwr; system python with scipy and statsmodels).
# Deterministic apart from the date in "source": both halves use fixed seeds.
#   scripts/golden/power_methods.sh            (from anywhere; writes into the repository)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/tests/golden/power_methods.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# R half: pooled (ratio 1), arcsine, t. Python half: checks of the R half against statsmodels and
# mpmath, the other families, and the merge. The system python, not the pyenv one on PATH.
Rscript "$root/scripts/golden/power_methods.R" "$work/r_cases.json"
/usr/bin/python3 "$root/scripts/golden/power_methods.py" "$work/r_cases.json" "$work/power_methods.json"

# Must parse, and every family must have at least 100 cases.
/usr/bin/python3 - "$work/power_methods.json" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
per_family = collections.Counter(c["family"] for c in doc["cases"])
short = {f: n for f, n in per_family.items() if n < 100}
expected = {"pooled", "arcsine", "unpooled", "evan-miller", "t", "z", "ratio"}
if short or set(per_family) != expected:
    sys.exit("FAIL: case counts %s" % dict(per_family))
print("ok: %d cases" % len(doc["cases"]), file=sys.stderr)
PY
mv "$work/power_methods.json" "$out"
echo "wrote $out" >&2

#!/usr/bin/env bash
# bench_smoke: the generator and the benchmark run at a tiny size. Checks determinism, that every
# figure is printed, that the matrix agrees with the per-action reference (--verify) and that the
# streamed matrix JSON equals `kmsaccess matrix --format json` (and the compact form expands to
# the same cells). No timing assertions.
set -euo pipefail
gen=$1 bench=$2 cli=$3 work=$4
rm -rf "$work" && mkdir -p "$work"

"$gen" --principals 40 --keys 12 --seed 7 --out "$work/a" >/dev/null
"$gen" --principals 40 --keys 12 --seed 7 --out "$work/b" >/dev/null
diff -r "$work/a" "$work/b" >/dev/null || { echo "same seed gave different bytes"; exit 1; }

"$bench" "$work/a" --threads 1,2 --verify --json-out "$work/matrix.json" \
  --export-requests "$work/requests.json" --sample 50 >"$work/figures.txt"
cat "$work/figures.txt"
for name in load load_throughput matrix_total_t1 matrix_total_t2 decisions_per_second_t1 \
            who_can_library peak_rss exported_requests policy_reader_throughput policy_files_load_throughput; do
  grep -Eq "^$name [0-9.e+-]+ [A-Za-z0-9/]+$" "$work/figures.txt" || { echo "missing figure: $name"; exit 1; }
done
grep -qx "verify_mismatches 0 cells" "$work/figures.txt" || { echo "matrix differs from decide()"; exit 1; }

"$cli" matrix -m "$work/a/kmsaccess.yaml" -a key --format json >"$work/cli-matrix.json"
cmp "$work/matrix.json" "$work/cli-matrix.json" || { echo "bench JSON differs from kmsaccess matrix"; exit 1; }
grep -q '"requests":\[{' "$work/requests.json" || { echo "no requests exported"; exit 1; }

# The compact form: same bytes from the bench (2 formatting threads) and the CLI, and the same
# cells as the full form once the verdict indices are expanded.
"$bench" "$work/a" --threads 2 --compact --json-out "$work/compact.json" >/dev/null
"$cli" matrix -m "$work/a/kmsaccess.yaml" -a key --format json-compact >"$work/cli-compact.json"
cmp "$work/compact.json" "$work/cli-compact.json" || { echo "bench compact JSON differs from kmsaccess matrix"; exit 1; }
python3 - "$work/cli-matrix.json" "$work/cli-compact.json" <<'PY' || { echo "compact JSON disagrees with the full form"; exit 1; }
import json, sys
full, compact = (json.load(open(f)) for f in sys.argv[1:3])
assert compact["schema"] == "kmsaccess/matrix-compact/v1"
expanded = []
for p, k, v in compact["cells"]:
    verdict = compact["verdicts"][v]
    expanded.append({"principal": compact["principals"][p]["name"], "key": compact["keys"][k]["name"], **verdict})
assert expanded == full["cells"], "cells differ"
assert len(expanded) > 0
PY
echo "bench_smoke: ok"

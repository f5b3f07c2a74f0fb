#!/usr/bin/env bash
# Prints the figures in docs/performance.md: builds Release, generates synthetic inventories,
# runs kmsaccess-bench and the CLI's who-can on each, and (optionally) compares against
# @cloud-copilot/iam-simulate.
#
#   bench/run.sh [PxK ...]            default sizes: 100x10 1000x100 2000x400
#   bench/run.sh 100x10 10000x2000    e.g. up to the whole-organisation size
# Environment: BUILD_DIR (default build-bench), WORK (default /tmp/kmsaccess-bench), SEED (1),
#   THREADS (default "1,$(nproc)"), COMPARE=1 to run the iam-simulate comparison, SAMPLE (2000),
#   FULL_JSON=1 to time the matrix/v1 JSON instead of matrix-compact/v1 (`--format json-compact`),
#   AWS_COPIES (default 4000, 0 to skip): the AWS CLI load, a real get-account-authorization-details
#   output scaled to that many copies of its users and roles (30.6 MB at 4000), best of five.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
work=${WORK:-/tmp/kmsaccess-bench}
seed=${SEED:-1}
threads=${THREADS:-1,$(nproc)}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100x10 1000x100 2000x400)

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target kmsaccess kmsaccess-gen kmsaccess-bench >/dev/null
gen=$build/bench/kmsaccess-gen bench=$build/bench/kmsaccess-bench cli=$build/cli/kmsaccess
mkdir -p "$work"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "threads: $threads  seed: $seed"
value() { awk -v n="$1" '$1 == n { print $2 }' "$2" | tail -n 1; }
last_t=${threads##*,}
rows=()
for size in "${sizes[@]}"; do
  p=${size%x*} k=${size#*x} dir=$work/$size-s$seed
  [ -f "$dir/kmsaccess.yaml" ] || "$gen" --principals "$p" --keys "$k" --seed "$seed" --out "$dir" >/dev/null
  figures=$work/$size-s$seed.figures
  json_form=(--compact)
  [ "${FULL_JSON:-0}" = 1 ] && json_form=()
  "$bench" "$dir" --threads "$threads" "${json_form[@]}" >"$figures"
  start=$(date +%s.%N)
  "$cli" who-can --key key-00001 --action kms:Decrypt -m "$dir/kmsaccess.yaml" --format json >/dev/null
  who_cli=$(echo "$(date +%s.%N) - $start" | bc)
  echo "== $size"; cat "$figures"; echo "who_can_cli $who_cli s"
  rows+=("$(printf '%-11s %8s %8.3f %8.1f %9.3f %9.3f %10.3g %8.3f %8.3f %8.1f' "$size" \
    "$(value principals "$figures")" "$(value load "$figures")" "$(value load_throughput "$figures")" \
    "$(value matrix_total_t1 "$figures" || echo 0)" "$(value "matrix_total_t$last_t" "$figures")" \
    "$(value "decisions_per_second_t$last_t" "$figures")" "$(value who_can_library "$figures")" \
    "$who_cli" "$(value peak_rss "$figures")")")
done

echo
printf '%-11s %8s %8s %8s %9s %9s %10s %8s %8s %8s\n' size princ load_s MB/s matrix_1t "matrix_${last_t}t" \
  "dec/s" wc_lib_ms wc_cli_s rss_MiB
for r in "${rows[@]}"; do echo "$r"; done

copies=${AWS_COPIES:-4000}
if [ "$copies" -gt 0 ]; then
  authz=$work/authz-$copies
  details=$authz/iam/get-account-authorization-details.json
  [ -f "$details" ] || python3 "$root/bench/make_authz_details.py" \
    "$root/testdata/aws/formats/cloudsplaining__example-authz-details.json" "$copies" "$authz" >/dev/null
  best=
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    "$cli" inventory --from-aws "$authz" >/dev/null
    t=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  mb=$(echo "scale=1; $(stat -c %s "$details") / 1000000" | bc)
  echo; echo "== AWS CLI input: $details ($mb MB)"
  echo "aws_cli_load $best s (best of 5, kmsaccess inventory --from-aws)"
  echo "aws_cli_load_throughput $(echo "scale=1; $mb / $best" | bc) MB/s"
fi

if [ "${COMPARE:-0}" = 1 ]; then
  size=${sizes[0]} dir=$work/${sizes[0]}-s$seed
  [ -d "$root/bench/node_modules/@cloud-copilot/iam-simulate" ] ||
    npm install --prefix "$root/bench" @cloud-copilot/iam-simulate >/dev/null
  "$bench" "$dir" --threads 1 --export-requests "$work/requests.json" --sample "${SAMPLE:-2000}" >"$work/export.figures"
  ns=$(value per_decision_t1 "$work/export.figures")
  echo; echo "== iam-simulate side by side ($size, kmsaccess ${ns} ns per matrix decision)"
  grep -E '^(exported|skipped)' "$work/export.figures"
  node "$root/bench/iam_simulate_compare.mjs" "$work/requests.json" --kmsaccess-ns "$ns" --show 5
fi

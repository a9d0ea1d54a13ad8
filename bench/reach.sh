#!/usr/bin/env bash
# Path-rule and reach-query benchmark on the synthetic estate (see bench/run.sh):
#  1. every ECS001 and REACH001 question for every workload: `netlint check --select
#     ECS001,REACH001 --timings` (rule time per rule, median of the runs);
#  2. single `netlint reach` questions after loading, for the first and the last service and
#     instance of the files (records at the end of a 100 MB file are the slowest to locate).
#
#   bench/reach.sh [SCALE]          default 1
#   BENCH_RUNS=5 bench/reach.sh     runs per measurement (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
runs="${BENCH_RUNS:-3}"
bench_dir="${BENCH_DIR:-/tmp/netlint-bench}"
estate="$bench_dir/estate-x$scale"

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench --target netlint netlint_generate_estate -j"$(nproc)" >/dev/null
if [ ! -f "$estate/.complete" ]; then
  rm -rf "$estate"
  build-bench/bench/netlint_generate_estate --out "$estate" --scale "$scale" 2>/dev/null
  touch "$estate/.complete"
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== ECS001 + REACH001 on $estate ($runs runs, rule seconds, median)"
for rule in ECS001 REACH001; do
  for _ in $(seq "$runs"); do
    { build-bench/netlint check "$estate" --select ECS001,REACH001 --timings \
        --format concise 2>&1 >/dev/null || true; } | awk -v r="$rule" '$1 == r {print $2}'
  done | median | xargs printf '%-9s %s s\n' "$rule"
done

set +o pipefail  # head closes the pipe early on purpose
first_service=$(grep -o '"serviceArn": "[^"]*"' "$estate/describe-services.json" | head -1 | cut -d'"' -f4)
last_service=$(grep -o '"serviceArn": "[^"]*"' "$estate/describe-services.json" | tail -1 | cut -d'"' -f4)
first_instance=$(grep -o '"InstanceId": "[^"]*"' "$estate/describe-instances.json" | head -1 | cut -d'"' -f4)
last_instance=$(grep -o '"InstanceId": "[^"]*"' "$estate/describe-instances.json" | tail -1 | cut -d'"' -f4)

echo "== single reach questions (query seconds after loading: resolve, answer, locate; median)"
ask() {
  for _ in $(seq "$runs"); do
    { build-bench/netlint reach "$estate" "$@" --timings 2>&1 >/dev/null || true; } |
      sed -n 's/.*query \([0-9.]*\).*/\1/p'
  done | median
}
printf '%-48s %s s\n' "first service -> aws:ecr" "$(ask --from "$first_service" --to aws:ecr)"
printf '%-48s %s s\n' "last service -> aws:ecr" "$(ask --from "$last_service" --to aws:ecr)"
printf '%-48s %s s\n' "internet -> last service tcp/443" \
  "$(ask --from internet --to "$last_service" --port 443)"
printf '%-48s %s s\n' "first instance -> internet tcp/443" \
  "$(ask --from "$first_instance" --to internet --port 443)"
printf '%-48s %s s\n' "last instance -> internet tcp/443" \
  "$(ask --from "$last_instance" --to internet --port 443)"

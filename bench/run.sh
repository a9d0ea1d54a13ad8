#!/usr/bin/env bash
# Whole-process benchmark: generates a synthetic estate of describe-JSON (bench/generate_estate.cpp)
# and checks it with netlint under /usr/bin/time, printing one table row per scale:
# input MB, wall seconds, end-to-end MB/s, peak RSS, findings, and netlint's own stage times.
#
#   bench/run.sh [SCALE...]        default: 1   (1x = 1,000 VPCs, 10,000 subnets, 20,000 security
#                                   groups with 200,000 rules, 50,000 network interfaces)
#   BENCH_DIR=/path bench/run.sh   where estates are generated (default /tmp/netlint-bench)
#   BENCH_RUNS=5 bench/run.sh      runs per scale; the table shows the median wall time
set -euo pipefail
cd "$(dirname "$0")/.."

scales=("$@")
[ ${#scales[@]} -eq 0 ] && scales=(1)
bench_dir="${BENCH_DIR:-/tmp/netlint-bench}"
runs="${BENCH_RUNS:-3}"

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench --target netlint netlint_generate_estate -j"$(nproc)" >/dev/null

printf '%-6s %9s %8s %8s %10s %9s  %s\n' scale input_MB wall_s MB/s peak_MiB findings \
  "stages (load/model/rules/locate s)"
for scale in "${scales[@]}"; do
  estate="$bench_dir/estate-x$scale"
  if [ ! -f "$estate/.complete" ]; then
    rm -rf "$estate"
    build-bench/bench/netlint_generate_estate --out "$estate" --scale "$scale" 2>/dev/null
    touch "$estate/.complete"
  fi
  bytes=$(du -sb --exclude=.complete "$estate" | cut -f1)
  walls=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$bench_dir/time.txt" build-bench/netlint check "$estate" \
      --format json --timings >"$bench_dir/report.json" 2>"$bench_dir/stages.txt" || true
    wall=$(grep 'Elapsed (wall clock)' "$bench_dir/time.txt" | awk '{print $NF}' |
           awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    walls+=("$wall")
    peak_kib=$(grep 'Maximum resident set size' "$bench_dir/time.txt" | awk '{print $NF}')
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' \
               "$bench_dir/report.json")
  stages=$(head -1 "$bench_dir/stages.txt" | sed 's/timings (seconds): //')
  awk -v s="$scale" -v b="$bytes" -v w="$median" -v p="$peak_kib" -v f="$findings" -v st="$stages" \
    'BEGIN { printf "%-6s %9.1f %8.2f %8.1f %10.1f %9d  %s\n", s, b/1e6, w, b/1e6/w, p/1024, f, st }'
done

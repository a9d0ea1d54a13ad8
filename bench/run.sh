#!/usr/bin/env bash
# Whole-process benchmark: generates the synthetic estate (bench/generate_estate.cpp) as describe
# JSON, as one CloudFormation template and as a Terraform plan, checks each with netlint under
# /usr/bin/time -v, and prints one table row per input kind and scale: input MB, ingest rate,
# model, graph and rule seconds (netlint --timings), total wall time, peak RSS, findings; then
# the raw parse rate of the same bytes by netlint's own parser, nlohmann's SAX and DOM parsers
# and yaml-cpp, as a document and as bare events (bench/stages_benchmark.cpp, Google Benchmark).
#
#   bench/run.sh [SCALE...]            default: 1   (1x = 1,000 VPCs, 10,000 subnets, 20,000
#                                       security groups with 200,000 rules, 50,000 interfaces)
#   BENCH_KINDS="describe plan"        which inputs (default: describe template plan)
#   BENCH_RUNS=5 bench/run.sh          runs per row; wall and stage times are medians
#   BENCH_RAW=0 bench/run.sh           skip the raw parse rates
#   BENCH_DIR=/path bench/run.sh       where inputs are generated (default /tmp/netlint-bench)
#   BENCH_TIMEOUT=1800                 seconds before a check is given up (row says "timeout")
set -euo pipefail
cd "$(dirname "$0")/.."

scales=("$@")
[ ${#scales[@]} -eq 0 ] && scales=(1)
bench_dir="${BENCH_DIR:-/tmp/netlint-bench}"
runs="${BENCH_RUNS:-3}"
kinds="${BENCH_KINDS:-describe template plan}"
raw="${BENCH_RAW:-1}"
time_limit="${BENCH_TIMEOUT:-1800}"
mkdir -p "$bench_dir"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
targets=(netlint netlint_generate_estate)
[ "$raw" = 1 ] && targets+=(netlint_bench_stages)
cmake --build build-bench --target "${targets[@]}" -j"$(nproc)" >/dev/null

# The input of one kind and scale, generated once (a .complete marker guards half-written ones).
input_path() {
  local kind=$1 scale=$2 dir
  case "$kind" in
    describe) dir="$bench_dir/estate-x$scale" ;;
    *) dir="$bench_dir/$kind-x$scale" ;;
  esac
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    build-bench/bench/netlint_generate_estate --out "$dir" --scale "$scale" --format "$kind" \
      2>/dev/null
    touch "$dir/.complete"
  fi
  case "$kind" in
    describe) echo "$dir" ;;
    template) echo "$dir/estate.yaml" ;;
    plan) echo "$dir/plan.json" ;;
  esac
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| %-8s | %5s | %8s | %10s | %7s | %7s | %7s | %7s | %8s | %8s |\n' input scale input_MB \
  ingest_MB/s model_s graph_s rules_s wall_s peak_MiB findings
printf '|%s|\n' "----------|-------|----------|------------|---------|---------|---------|---------|----------|----------"
raw_rows=()
for scale in "${scales[@]}"; do
  for kind in $kinds; do
    input=$(input_path "$kind" "$scale")
    bytes=$(du -sb --exclude=.complete "$input" | cut -f1)
    : >"$bench_dir/runs.txt"
    peak_kib=0
    status=ok
    for _ in $(seq "$runs"); do
      rc=0
      /usr/bin/time -v -o "$bench_dir/time.txt" timeout "$time_limit" build-bench/netlint \
        check "$input" --no-config --format json --timings >"$bench_dir/report.json" \
        2>"$bench_dir/stages.txt" || rc=$?
      # Exit status 1 means findings; 124 is the time limit; anything else a failure.
      if [ "$rc" -eq 124 ]; then status=timeout; break; fi
      if [ "$rc" -gt 1 ]; then
        # Exit status 2 with a report: nothing usable was read; say why.
        status=$(python3 -c 'import json,sys
findings = json.load(open(sys.argv[1])).get("findings", [])
print("refused: " + findings[0]["message"] if findings else "failed")' \
                   "$bench_dir/report.json" 2>/dev/null || echo "failed (exit $rc)")
        break
      fi
      wall=$(grep 'Elapsed (wall clock)' "$bench_dir/time.txt" | awk '{print $NF}' |
             awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
      stages=$(grep '^timings' "$bench_dir/stages.txt" | sed 's/timings (seconds): //')
      echo "$wall $stages" | tr -d ',' |
        awk '{print $1, $3, $5, $7, $9}' >>"$bench_dir/runs.txt"  # wall load model graph rules
      peak=$(grep 'Maximum resident set size' "$bench_dir/time.txt" | awk '{print $NF}')
      [ "$peak" -gt "$peak_kib" ] && peak_kib=$peak
    done
    if [ "$status" != ok ]; then
      [ "$status" = timeout ] && status="no result within $time_limit s"
      printf '| %-8s | %5s | %8.1f | %s |\n' "$kind" "$scale" \
        "$(echo "$bytes" | awk '{print $1/1e6}')" "$status"
    else
      col() { awk -v c="$1" '{print $c}' "$bench_dir/runs.txt" | median; }
      findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' \
                   "$bench_dir/report.json")
      awk -v k="$kind" -v s="$scale" -v b="$bytes" -v w="$(col 1)" -v l="$(col 2)" -v m="$(col 3)" \
          -v g="$(col 4)" -v r="$(col 5)" -v p="$peak_kib" -v f="$findings" \
        'BEGIN { printf "| %-8s | %5s | %8.1f | %10.1f | %7.2f | %7.2f | %7.2f | %7.2f | %8.0f | %8d |\n",
                 k, s, b/1e6, b/1e6/l, m, g, r, w, p/1024, f }'
    fi
    if [ "$raw" = 1 ]; then
      # Each parser on the same bytes; medians of BENCH_RUNS repetitions.
      build-bench/bench/netlint_bench_stages "$input" --benchmark_filter='^parse/' \
        --benchmark_repetitions="$runs" --benchmark_report_aggregates_only=true \
        --benchmark_format=json >"$bench_dir/raw.json" 2>/dev/null || true
      raw_rows+=("$(python3 - "$bench_dir/raw.json" "$kind" "$scale" <<'EOF'
import json, sys
path, kind, scale = sys.argv[1:]
try:
    results = json.load(open(path))["benchmarks"]
except (OSError, ValueError, KeyError):
    results = []
# Medians when there were repetitions; a single run has no aggregates.
wanted = "median" if any(r.get("run_type") == "aggregate" for r in results) else None
rates = {}
for result in results:
    if result.get("aggregate_name") == wanted:
        parser = result["run_name"].split("/")[2]  # parse/<kind>/<parser>/real_time
        rates[parser] = result["bytes_per_second"] / 1e6
cells = [f"{rates[p]:.0f}" if p in rates else "-" for p in
         ("netlint-stream", "netlint-dom", "netlint-template-tree", "nlohmann-sax",
          "nlohmann-dom", "yaml-cpp", "yaml-cpp-events")]
print(f"| {kind:<8} | {scale:>5} | " + " | ".join(f"{c:>8}" for c in cells) + " |")
EOF
)")
    fi
  done
done
if [ "$raw" = 1 ]; then
  echo
  echo "raw parse rate of the same bytes, MB/s (median of $runs):"
  printf '| %-8s | %5s | %8s | %8s | %8s | %8s | %8s | %8s | %8s |\n' input scale nl-strm nl-dom \
    nl-tree nlh-sax nlh-dom yaml-cpp yaml-ev
  printf '|%s|\n' "----------|-------|----------|----------|----------|----------|----------|----------|----------"
  printf '%s\n' "${raw_rows[@]}"
fi
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"

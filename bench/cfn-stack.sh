#!/usr/bin/env bash
# Process wall time of `netlint check` on a typical service stack template (bench/service-stack.yaml:
# 48 resources over two zones: VPC, subnets, NAT gateways, endpoints, load balancer, ECS service,
# database). Prints the median of N runs, measured two ways: /usr/bin/time's elapsed time (10 ms
# resolution) and the shell's clock around the process alone (microseconds), with the peak RSS.
# Other work on the machine shows in the slowest runs; the median is the figure to quote.
#
#   bench/cfn-stack.sh [NETLINT_BINARY]   default: build/netlint (build it first, RelWithDebInfo
#                                         or Release)
#   BENCH_RUNS=21 bench/cfn-stack.sh      runs (default 21); the first run is discarded as warm-up
set -euo pipefail
cd "$(dirname "$0")/.."
netlint="${1:-build/netlint}"
runs="${BENCH_RUNS:-21}"
template=bench/service-stack.yaml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$netlint" check "$template" --no-config --format concise >/dev/null || true  # warm-up
clock_ms=()
time_ms=()
peak_kib=()
for _ in $(seq "$runs"); do
  start=$EPOCHREALTIME
  "$netlint" check "$template" --no-config --format concise >/dev/null || true
  end=$EPOCHREALTIME
  clock_ms+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
  /usr/bin/time -f '%e %M' -o "$out/time.txt" \
    "$netlint" check "$template" --no-config --format concise >/dev/null || true
  # The last line: a non-zero exit adds a "Command exited with ..." line before it.
  read -r elapsed rss < <(tail -n 1 "$out/time.txt")
  time_ms+=("$(awk -v e="$elapsed" 'BEGIN { printf "%.0f", e * 1000 }')")
  peak_kib+=("$rss")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
resources=$(awk '/^Resources:/{r=1; next} /^Outputs:/{r=0} r && /^  [A-Za-z0-9]+:/{n++} END{print n}' "$template")
echo "template: $template ($resources resources), $runs runs"
echo "median wall: $(median "${clock_ms[@]}") ms (shell clock), $(median "${time_ms[@]}") ms (/usr/bin/time, 10 ms steps)"
echo "fastest/slowest (shell clock): $(printf '%s\n' "${clock_ms[@]}" | sort -g | head -1) / $(printf '%s\n' "${clock_ms[@]}" | sort -g | tail -1) ms"
echo "median peak RSS: $(( $(median "${peak_kib[@]}") / 1024 )) MiB"
"$netlint" check "$template" --no-config --format concise --timings 2>&1 >/dev/null | head -1

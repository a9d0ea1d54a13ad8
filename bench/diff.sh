#!/usr/bin/env bash
# Process wall time of `netlint diff` between two versions of a typical service stack
# (bench/service-stack.yaml, 48 resources, and a copy made here with the kind of change a pull
# request brings: the VPC's logical id renamed everywhere, SSH opened to the world on the load
# balancer's group). Prints the median of N runs, measured like bench/cfn-stack.sh: the shell's
# clock around the process and /usr/bin/time's elapsed time (10 ms steps), with the peak RSS,
# and the same figures for one `netlint check` of the stack for comparison.
#
#   bench/diff.sh [NETLINT_BINARY]   default: build/netlint (RelWithDebInfo or Release)
#   BENCH_RUNS=21 bench/diff.sh      runs (default 21); a warm-up run is discarded
set -euo pipefail
cd "$(dirname "$0")/.."
netlint="${1:-build/netlint}"
runs="${BENCH_RUNS:-21}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/base" "$out/head"
cp bench/service-stack.yaml "$out/base/stack.yaml"
sed -e 's/\bVpc\b/ServiceVpc/g' \
    -e 's/^\(        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0\/0, Description: HTTPS}\)$/\1\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0\/0, Description: SSH}/' \
    bench/service-stack.yaml >"$out/head/stack.yaml"
cmp -s "$out/base/stack.yaml" "$out/head/stack.yaml" && { echo "the copy did not change" >&2; exit 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure LABEL COMMAND...: runs the command $runs times each way and prints the medians.
measure() {
  local label="$1"
  shift
  "$@" >/dev/null 2>&1 || true  # warm-up
  local clock_ms=() time_ms=() peak_kib=()
  for _ in $(seq "$runs"); do
    local start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    local end=$EPOCHREALTIME
    clock_ms+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
    /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>&1 || true
    local elapsed rss
    read -r elapsed rss < <(tail -n 1 "$out/time.txt")
    time_ms+=("$(awk -v e="$elapsed" 'BEGIN { printf "%.0f", e * 1000 }')")
    peak_kib+=("$rss")
  done
  echo "$label: median wall $(median "${clock_ms[@]}") ms (shell clock), $(median "${time_ms[@]}") ms (/usr/bin/time), fastest/slowest $(printf '%s\n' "${clock_ms[@]}" | sort -g | head -1)/$(printf '%s\n' "${clock_ms[@]}" | sort -g | tail -1) ms, peak RSS $(( $(median "${peak_kib[@]}") / 1024 )) MiB"
}

echo "stacks: bench/service-stack.yaml and a changed copy, $runs runs each"
measure "diff " "$netlint" diff "$out/base" "$out/head" --no-config --format json
measure "check" "$netlint" check "$out/head" --no-config --format concise
"$netlint" diff "$out/base" "$out/head" --no-config --timings 2>&1 >/dev/null | tail -1 || true
"$netlint" diff "$out/base" "$out/head" --no-config | tail -1 || true

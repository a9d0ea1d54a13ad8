#!/usr/bin/env bash
# CPU seconds one rule spends on an input, alone (`--select RULE`), for comparing rule costs
# across estate sizes on a shared machine, where the wall time of `--timings` moves with the
# load. Samples the process with `perf record -e cpu-clock` at 250 Hz and counts the samples
# from the first one in path evaluation (the rule phase's first question; reading the input is
# left out) to the end of the run. For the rules that ask the reachability engine (ECS001,
# NACL003, LB003, ...): a rule that asks no path question has no such sample.
#
#   bench/rule-cpu.sh NETLINT INPUT RULE      e.g. bench/rule-cpu.sh build/netlint \
#                                                  /tmp/netlint-bench/template-x1/estate.yaml ECS001
set -euo pipefail
if [ $# -ne 3 ]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
netlint="$1" input="$2" rule="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
perf record -q -e cpu-clock -F 250 -o "$work/perf.data" "$netlint" check "$input" --no-config \
  --select "$rule" --timings --format json --output /dev/null 2>"$work/timings"
perf script -i "$work/perf.data" -F time,ip,sym 2>/dev/null >"$work/samples"
first=$(grep -n -m1 'Reachability::Impl::\|EvaluateNacl\|EvaluateGroups\|SplitByRoute\|PathBuilder' \
  "$work/samples" | cut -d: -f1 || true)
if [ -z "$first" ]; then
  echo "$rule asked no path question on $input" >&2
  exit 1
fi
total=$(wc -l <"$work/samples")
wall=$(awk -v rule="$rule" '$1 == rule {print $2}' "$work/timings")
awk -v n=$((total - first + 1)) -v rule="$rule" -v wall="$wall" \
  'BEGIN {printf "%s: %.2f s of CPU in the rule phase (%s s of rule wall time)\n", rule, n / 250, wall}'

#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, with ASan and UBSan) and runs each for a bounded time,
# seeded from the project's own inputs:
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds for each of every target
#   FUZZ_SEEDS=DIR scripts/fuzz.sh ...        also seed from DIR (e.g. a corpus of real inputs)
#   FUZZ_JOBS=N scripts/fuzz.sh ...           targets run N at a time (default: processors)
#
# Targets: describe_json, cfn_template, terraform_plan, config, values (tests/fuzz/targets/).
# Each target's growing corpus is kept in build-fuzz/corpus/<target>/ between runs. A crash,
# hang, leak or sanitizer report stops that target, leaves the input in
# build-fuzz/findings/<target>/ and makes this script exit 1: fix the cause, then copy the input
# to fixtures/fuzz/<target>/ so the regression test replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(describe_json cfn_template terraform_plan config values)
jobs="${FUZZ_JOBS:-$(nproc)}"
build=build-fuzz

scripts/install-deps.sh --fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNETLINT_FUZZ=ON \
  -DNETLINT_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

# Seeds: every input of the right kind under fixtures/ and examples/ (and FUZZ_SEEDS), copied
# into a per-target folder so libFuzzer can read them; large files are left to the benchmarks.
seed_files() {
  local target="$1"
  local roots=(fixtures examples)
  [ -n "${FUZZ_SEEDS:-}" ] && roots+=("$FUZZ_SEEDS")
  case "$target" in
    describe_json) find "${roots[@]}" -name '*.json' -size -256k ! -name '*plan*' ! -path '*/fuzz/*' ;;
    terraform_plan) find "${roots[@]}" -name '*.json' -size -256k \( -name '*plan*' -o -name '*state*' \) ;;
    cfn_template) find "${roots[@]}" \( -name '*.yaml' -o -name '*.yml' -o -name '*.template' \) -size -256k ! -path '*/config/*' ;;
    config) find "${roots[@]}" -path '*config*' -name '*.yaml' ;;
    values) ;;
  esac
  [ -d "fixtures/fuzz/$target" ] && find "fixtures/fuzz/$target" -type f
  return 0
}

values_seeds() {
  local dir="$1" i=0
  for text in 10.0.0.0/16 0.0.0.0/0 192.168.1.1 255.255.255.255/32 1.2.3.4/0 ::/0 \
              2001:db8::/32 ::ffff:10.0.0.1 fe80::1%eth0 2001:db8:0:0:0:0:0:1/128 tcp udp icmp \
              icmpv6 -1 all 6 17 58 "22, 3389" "80-90,443" 0-65535 65535 "1,2,3-5"; do
    printf '%s' "$text" >"$dir/seed-$i"
    i=$((i + 1))
  done
}

run_target() {
  local target="$1" corpus="$build/corpus/$1" findings="$build/findings/$1" seeds="$build/seeds/$1"
  mkdir -p "$corpus" "$findings" "$seeds"
  local i=0
  while IFS= read -r file; do
    cp "$file" "$seeds/$(printf '%05d' $i)-$(basename "$file")"
    i=$((i + 1))
  done < <(seed_files "$target" | sort)
  [ "$target" = values ] && values_seeds "$seeds"
  local dict=tests/fuzz/dicts/json.dict
  case "$target" in cfn_template|config) dict=tests/fuzz/dicts/yaml.dict ;; values) dict= ;; esac
  local log="$build/fuzz-$target.log"
  # -timeout: one input taking longer than 10 s is a hang; -rss_limit_mb bounds memory.
  if "$build/fuzz_$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 ${dict:+-dict="$dict"} \
       -artifact_prefix="$findings/" >"$log" 2>&1; then
    printf '%-15s ok      %s\n' "$target" "$(grep -E '^stat::number_of_executed_units' "$log" |
                                                awk '{print $2 " runs"}')"
  else
    printf '%-15s FAILED  (see %s; inputs in %s)\n' "$target" "$log" "$findings"
    grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | head -5
    return 1
  fi
}

status=0
pids=()
for target in "${targets[@]}"; do
  run_target "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status

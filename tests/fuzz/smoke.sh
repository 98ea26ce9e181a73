#!/usr/bin/env bash
# Builds the libFuzzer harnesses in BUILD_DIR with clang 14 and runs both at
# once for SECONDS each (the smoke stage of .ci/run; longer runs are in
# README.md). Seeds: the shipped scenarios and the malformed-input corpus for
# the loader, set_seeds/ for --set. The alias bombs are left out of the seeds:
# each builds up to the node budget before it is refused, 1.4-2 s and
# 350-500 MB under ASan + coverage against ~4 ms for a typical input, so the
# fuzzer would spend its minute on them (the bad_inputs suite covers them).
# Exits non-zero on any finding; the reproducer is left in BUILD_DIR/findings/.
set -euo pipefail
build=${1:?usage: smoke.sh BUILD_DIR SECONDS}
seconds=${2:?usage: smoke.sh BUILD_DIR SECONDS}
cd "$(dirname "$0")/../.."

rm -rf "$build"
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
  -DPARLEY_BUILD_TESTS=OFF -DPARLEY_BUILD_BENCH=OFF -DPARLEY_MPI=OFF -DPARLEY_PYTHON=OFF >/dev/null
cmake --build "$build" -j2 --target fuzz_loader fuzz_set

seeds="$build/seeds"
mkdir -p "$seeds/loader" "$seeds/set" "$build/corpus/loader" "$build/corpus/set" "$build/findings"
cp scenarios/*/*.yaml "$seeds/loader/"
find tests/bad_inputs -maxdepth 1 -type f -name '*.yaml' ! -name 'alias_*' -exec cp {} "$seeds/loader/" \;
cp tests/fuzz/set_seeds/* "$seeds/set/"

run() {  # HARNESS CORPUS SEEDS MAX_LEN
  "$build/tests/fuzz/$1" "$2" "$3" -max_len="$4" -timeout=60 -rss_limit_mb=2048 -max_total_time="$seconds" \
    -artifact_prefix="$build/findings/$1-" -print_final_stats=1 >"$build/$1.log" 2>&1
}
status=0
run fuzz_loader "$build/corpus/loader" "$seeds/loader" 65536 &
loader=$!
run fuzz_set "$build/corpus/set" "$seeds/set" 4096 &
set_pid=$!
wait "$loader" || status=1
wait "$set_pid" || status=1
for h in fuzz_loader fuzz_set; do
  echo "--- $h"
  grep -E '^stat::number_of_executed_units|^stat::new_units_added|Done [0-9]+ runs|ERROR|SUMMARY' "$build/$h.log" || true
done
if [ "$status" -ne 0 ]; then
  echo "fuzzing found something; logs: $build/fuzz_*.log, reproducers: $build/findings/" >&2
  tail -n 40 "$build"/fuzz_*.log >&2
fi
exit "$status"

#!/usr/bin/env bash
# Distributed runs (issues 5 and 6): `mpirun -np K parley-mpi run` writes the same
# summary.json, byte for byte, as `parley run` with the same seed and
# replicates, for K = 1, 2, 3 (odd splits of the chunks too); a failing rank
# fails the whole run with a message and no output; --replicates is refused.
# Usage: mpi_test.sh PARLEY PARLEY_MPI MPIRUN SOURCE_DIR PARLEY_MPI_FAULTY
set -uo pipefail
parley=$1 parley_mpi=$2 mpirun=$3 src=$4 parley_mpi_faulty=$5
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

same_as_single() {  # label, then the run arguments after `run SCENARIO`
  local label=$1 scenario=$2; shift 2
  "$parley" run "$scenario" "$@" --threads 2 --out "$work/single" -q || fail "$label: single-process run"
  for np in 1 2 3; do
    rm -rf "$work/np$np"
    "$mpirun" -np "$np" "$parley_mpi" run "$scenario" "$@" --threads 1 --out "$work/np$np" -q ||
      fail "$label: mpirun -np $np exited $?"
    for f in summary.json issues.csv bundles.csv; do
      cmp -s "$work/single/$f" "$work/np$np/$f" || fail "$label: $f differs with -np $np"
    done
  done
  echo "ok: $label: 1, 2 and 3 ranks byte-identical to one process"
}

same_as_single "ukraine baseline (private information, events, dynamics)" "$src/scenarios/ukraine/baseline.yaml" -n 2500
same_as_single "ceasefire example under nash" "$src/scenarios/examples/ceasefire_uncertain.yaml" -n 5000 --protocol nash
same_as_single "one chunk only (fewer chunks than ranks)" "$src/scenarios/examples/minimal.yaml" -n 700

# --protocol all: ensemble.json and every protocol's summary too.
"$parley" run "$src/scenarios/textbook/breakdown.yaml" --protocol all -n 3000 --out "$work/e1" -q || fail "ensemble single"
"$mpirun" -np 2 "$parley_mpi" run "$src/scenarios/textbook/breakdown.yaml" --protocol all -n 3000 --out "$work/e2" -q ||
  fail "ensemble under mpirun"
diff -r "$work/e1" "$work/e2" >/dev/null || fail "ensemble outputs differ under mpirun -np 2"
echo "ok: --protocol all under 2 ranks"

# A rank that fails ends the job: non-zero exit, a message, no summary.
rm -rf "$work/fault"
# parley-mpi-faulty is parley-mpi with a test double whose rank 1 fails.
"$mpirun" -np 2 "$parley_mpi_faulty" run "$src/scenarios/ukraine/baseline.yaml" \
  -n 5000 --out "$work/fault" -q >"$work/fault.out" 2>&1
code=$?
[ "$code" -ne 0 ] || fail "a failing rank gave exit code 0"
grep -q "rank 1 of 2 failed" "$work/fault.out" || fail "no message naming the failed rank"
[ ! -e "$work/fault/summary.json" ] || fail "a summary was written although rank 1 failed"
echo "ok: a failing rank fails the run (exit $code), no summary"

# Per-replicate rows are not gathered: refused with a usage error.
"$mpirun" -np 2 "$parley_mpi" run "$src/scenarios/textbook/rubinstein.yaml" -n 10 --replicates "$work/rows.csv" \
  >"$work/rows.out" 2>&1
grep -q "not written by a distributed run" "$work/rows.out" || fail "--replicates under mpirun not refused"
[ ! -e "$work/rows.csv" ] || fail "--replicates file written under mpirun"
echo "ok: --replicates refused under mpirun"

# Tuning (issue 6): sweep and sensitivity spread whole runs over the ranks (or,
# with few points, split each run's replicates); calibrate splits each
# evaluation and broadcasts rank 0's metrics. Every output is identical to one
# process's.
tuning_same() {  # label, output file, then the command's arguments (without --out)
  local label=$1 file=$2; shift 2
  rm -rf "$work/t1" "$work/t2"
  "$parley" "$@" --threads 2 --out "$work/t1" -q || fail "$label: single process"
  for np in 2 3; do
    rm -rf "$work/t2"
    "$mpirun" -np "$np" "$parley_mpi" "$@" --threads 1 --out "$work/t2" -q || fail "$label: mpirun -np $np exited $?"
    cmp -s "$work/t1/$file" "$work/t2/$file" || fail "$label: $file differs with -np $np"
  done
  echo "ok: $label: 2 and 3 ranks identical to one process"
}
fearon="$src/scenarios/textbook/fearon.yaml"
tuning_same "sweep, points spread over ranks" sweep.json sweep "$fearon" --vary actors.b.war_cost.high=0.2:0.9:15 -n 2000
tuning_same "sweep, replicates split" sweep.csv sweep "$src/scenarios/ukraine/baseline.yaml" \
  --vary actors.ukraine.war_cost.high=0.03,0.05 -n 2500
tuning_same "sensitivity (sobol)" sensitivity.json sensitivity "$fearon" \
  "--set=actors.a.capability={dist: uniform, low: 0, high: 1}" --samples 32 -n 64
tuning_same "sensitivity (oat)" sensitivity.json sensitivity "$fearon" \
  "--set=actors.a.capability={dist: uniform, low: 0, high: 1}" --method oat -n 3000
tuning_same "calibrate" calibrate.json calibrate "$fearon" --free actors.b.war_cost.high=0.2:0.9 \
  --target deal.p=0.7 -n 3000

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }

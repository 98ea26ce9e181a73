#!/usr/bin/env bash
# `cmake --install BUILD --prefix SCRATCH`: the installed parley runs the
# Ukraine baseline, the headers and stage libraries are in place, and (when
# the Python package was built) Debian's python3 imports it from the prefix
# and gets the CLI's numbers.
# Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
"$prefix/bin/parley" run "$src/scenarios/ukraine/baseline.yaml" -n 500 --out "$prefix/out" -q
test -s "$prefix/out/summary.json"
test -f "$prefix/include/parley/api/run.h" && test -f "$prefix/include/parley/core/error.h"
for stage in core schemas scenario model protocols stats montecarlo output tuning api cli; do
  test -f "$prefix/lib/libparley_$stage.a" || test -f "$prefix/lib/"*"/libparley_$stage.a"
done
site=$(find "$prefix" -path '*dist-packages/parley/__init__.py' -printf '%h\n' | head -1)
if [ -n "$site" ]; then
  PYTHONPATH=$(dirname "$site") /usr/bin/python3 -c "
import json, parley, sys
r = parley.run(sys.argv[1], n=500)
assert r.summary['deal'] == json.load(open(sys.argv[2]))['deal'], 'installed package differs from the CLI'
" "$src/scenarios/ukraine/baseline.yaml" "$prefix/out/summary.json"
  echo "ok: the installed Python package imports and matches the CLI"
fi
echo "ok: installed into a scratch prefix; parley runs from it"

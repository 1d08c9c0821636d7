#!/usr/bin/env bash
# Before/after on the same machine, back to back: RUNS rounds (3), each runs the load generator against the host
# built from BASE_TREE (before; e.g. a checkout of main) and then against this tree's host (after), with the same
# generator, catalog and arguments. Prints, per scenario and variant, the median of the rounds.
#   tests/OrleansCompute.LoadTest/before-after.sh /tmp/main-checkout --Scenarios create,delete --Count 2000
# Build both trees first (or leave NO_BUILD unset to let run.sh build them).
# BEFORE_STORE / AFTER_STORE pick each side's store (run.sh's STORE: sqlite or postgres); with this tree as the base
# tree that compares the stores: BEFORE_STORE=sqlite AFTER_STORE=postgres before-after.sh . --Scenarios create
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base_tree="$(cd "$1" && pwd)"; shift
runs="${RUNS:-3}"
out="$(mktemp -d "${TMPDIR:-/tmp}/orleans-compute-before-after.XXXXXX")"
echo "load: $(uptime)" >&2
for round in $(seq 1 "$runs"); do
  STORE="${BEFORE_STORE:-${STORE:-sqlite}}" HOST_TREE="$base_tree" OUTPUT="$out/before-$round.json" "$here/run.sh" "$@" >"$out/before-$round.txt" 2>&1
  echo "round $round before: exit $?" >&2
  STORE="${AFTER_STORE:-${STORE:-sqlite}}" HOST_TREE="$(cd "$here/../.." && pwd)" OUTPUT="$out/after-$round.json" "$here/run.sh" "$@" >"$out/after-$round.txt" 2>&1
  echo "round $round after: exit $?" >&2
  export NO_BUILD=1
done
echo "load: $(uptime)" >&2
python3 "$here/median-table.py" "$out"
echo "raw results in $out" >&2

#!/usr/bin/env bash
# Runs every test of OrleansCompute: builds the solution, runs all test projects, and prints the totals
# as a plain line "N passed, N failed" read from the test results (TRX), not made up.
# It installs and starts what the tests need when it is missing (see tests/prerequisites.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d "${TMPDIR:-/tmp}/orleans-compute-results.XXXXXX")"
postgres="$(mktemp -d "${TMPDIR:-/tmp}/orleans-compute-postgres.XXXXXX")"
trap 'deploy/temp-postgres.sh stop "$postgres"; rm -rf "$results"' EXIT

# Installs what is missing and starts a private PostgreSQL for the tests; they read its connection string from
# ORLEANSCOMPUTE_TEST_POSTGRES and fail (never skip) without it.
bash tests/prerequisites.sh "$postgres"
ORLEANSCOMPUTE_TEST_POSTGRES="$(cat "$postgres/connection-string")"
export ORLEANSCOMPUTE_TEST_POSTGRES

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build OrleansCompute.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

status=0
dotnet test OrleansCompute.sln -c "$configuration" --no-build -nologo \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" || status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

# The tail of the log is what a CI page shows: name every failed test and the first lines of its message there.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  bash tests/failed-tests.sh "$results"/*.trx || true
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed test (a crashed test host, say): count it as a failure.
  failed=1
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]

#!/usr/bin/env bash
# Reproduces the benchmark table: builds in Release, starts the embedded host on a fresh temporary data
# directory with the fake driver at zero delay, runs the load generator against it on this machine, prints
# the table and writes the JSON results. Extra arguments go to the load generator (e.g. --Scenarios show).
#   tests/OrleansCompute.LoadTest/run.sh [--Count 2000] [--ListSizes 1000,10000,100000] ...
# HOST_ARGS adds host settings, e.g. HOST_ARGS="--Compute:Telemetry:Prometheus=true" (telemetry overhead).
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${PORT:-18774}"
output="${OUTPUT:-$PWD/loadtest-results.json}"
data="$(mktemp -d "${TMPDIR:-/tmp}/orleans-compute-bench.XXXXXX")"

dotnet build src/OrleansCompute.Host -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build tests/OrleansCompute.LoadTest -c Release -nologo -v quiet -clp:ErrorsOnly

dotnet src/OrleansCompute.Host/bin/Release/net10.0/OrleansCompute.Host.dll \
  --urls "http://127.0.0.1:${port}" \
  --Compute:DataDirectory="$data" \
  --Compute:SiloPort=$((port + 1)) --Compute:GatewayPort=$((port + 2)) \
  --Compute:Auth:Mode=noauth \
  --Compute:FakeDriver:Instant=true \
  --Compute:Quota:Instances=-1 --Compute:Quota:Cores=-1 --Compute:Quota:Ram=-1 \
  --Logging:LogLevel:Default=Warning ${HOST_ARGS:-} >"$data/host.log" 2>&1 &
host=$!
cleanup() { kill -TERM "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  curl -sf -o /dev/null "http://127.0.0.1:${port}/" && break
  sleep 0.2
done

dotnet tests/OrleansCompute.LoadTest/bin/Release/net10.0/OrleansCompute.LoadTest.dll \
  --BaseUrl "http://127.0.0.1:${port}/v2.1" --HostPid "$host" --Output "$output" "$@"
echo "results written to $output"

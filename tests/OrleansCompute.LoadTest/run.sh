#!/usr/bin/env bash
# Reproduces the benchmark table: builds in Release, starts the embedded host on a fresh temporary data
# directory with the fake driver at zero delay, runs the load generator against it on this machine, prints
# the table and writes the JSON results. Extra arguments go to the load generator (e.g. --Scenarios show).
#   tests/OrleansCompute.LoadTest/run.sh [--Count 2000] [--ListSizes 1000,10000,100000] ...
# HOST_ARGS adds host settings, e.g. HOST_ARGS="--Compute:Telemetry:Prometheus=true" (telemetry overhead).
# The catalog is sized for the run: HOSTS simulated hosts (8) holding CAPACITY m1.tiny servers together (250,000)
# and a /12 private network (a million addresses), so that capacity never limits a scenario that is not about it.
# STORE=postgres runs the host in cluster mode (one silo) on a fresh private PostgreSQL server (Debian's package,
# deploy/temp-postgres.sh, fsync on as in production) instead of the embedded SQLite store; it is removed afterwards.
# HOST_TREE runs the host binaries of another checkout (e.g. main's, for a before/after) with NO_BUILD=1 to skip builds.
# The exit status is the load generator's: non-zero when a scenario had more than 1 % failed requests.
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${PORT:-18774}"
output="${OUTPUT:-$PWD/loadtest-results.json}"
data="$(mktemp -d "${TMPDIR:-/tmp}/orleans-compute-bench.XXXXXX")"
host_tree="${HOST_TREE:-$PWD}"
hosts="${HOSTS:-8}"
capacity="${CAPACITY:-250000}"

if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build "$host_tree/src/OrleansCompute.Host" -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build tests/OrleansCompute.LoadTest -c Release -nologo -v quiet -clp:ErrorsOnly
fi

# m1.tiny is 1 vCPU (allocation ratio 4), 512 MB of RAM (ratio 1) and 1 GB of disk.
per_host=$(( (capacity + hosts - 1) / hosts ))
catalog=(--Compute:Catalog:Networks:0:Id=3cb9bc59-5699-4588-a4b1-b87f96708bc6 --Compute:Catalog:Networks:0:Name=private
  --Compute:Catalog:Networks:0:Cidr=10.0.0.0/12 --Compute:Catalog:Networks:0:IsDefault=true)
for i in $(seq 0 $((hosts - 1))); do
  catalog+=(--Compute:Catalog:Hosts:$i:Name=bench-$((i + 1)) --Compute:Catalog:Hosts:$i:HostIp=192.168.20.$((i + 1))
    --Compute:Catalog:Hosts:$i:Vcpus=$(( (per_host + 3) / 4 )) --Compute:Catalog:Hosts:$i:RamMb=$(( per_host * 512 ))
    --Compute:Catalog:Hosts:$i:DiskGb=$per_host)
done

# KEEP_DATA=1 keeps the data directory (the SQLite file) for a look afterwards; its path is printed.
# LINGER_SECONDS keeps the host running that long after the load generator (background work such as a delete's
# releases finishes before the file is read; writes-per-delete.sh).
cleanup() {
  sleep "${LINGER_SECONDS:-0}"
  if [ -n "$host" ]; then kill -TERM "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; fi
  if [ -n "${counters:-}" ]; then wait "$counters" 2>/dev/null || true; fi
  if [ -n "$postgres" ]; then deploy/temp-postgres.sh stop "$postgres" >/dev/null 2>&1 || true; fi
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data kept in $data"; else rm -rf "$data"; fi
}
trap cleanup EXIT
host=""
postgres=""

host_dll="$host_tree/src/OrleansCompute.Host/bin/Release/net10.0/OrleansCompute.Host.dll"
store=()
if [ "${STORE:-sqlite}" = postgres ]; then
  # A directory of its own, not under $data: as root the server runs as the postgres user, who cannot enter $data.
  postgres="$(mktemp -d "${TMPDIR:-/tmp}/orleans-compute-bench-postgres.XXXXXX")"
  ConnectionStrings__Compute="$(deploy/temp-postgres.sh start "$postgres")"
  export ConnectionStrings__Compute
  dotnet "$host_dll" init-db --Compute:Mode=cluster >"$data/init-db.log" 2>&1 || { cat "$data/init-db.log" >&2; exit 1; }
  store=(--Compute:Mode=cluster --Compute:AdvertisedAddress=127.0.0.1)
fi

dotnet "$host_dll" "${catalog[@]}" "${store[@]}" \
  --urls "http://127.0.0.1:${port}" \
  --Compute:DataDirectory="$data" \
  --Compute:SiloPort=$((port + 1)) --Compute:GatewayPort=$((port + 2)) \
  --Compute:Auth:Mode=noauth \
  --Compute:FakeDriver:Instant=true \
  --Compute:Quota:Instances=-1 --Compute:Quota:Cores=-1 --Compute:Quota:Ram=-1 \
  --Logging:LogLevel:Default=Warning ${HOST_ARGS:-} >"$data/host.log" 2>&1 &
host=$!

for _ in $(seq 1 300); do
  curl -sf -o /dev/null "http://127.0.0.1:${port}/" && break
  sleep 0.2
done

# COUNTERS=<file> (opt-in) records the host's counters into that CSV with dotnet-counters ($DOTNET_COUNTERS, else on
# PATH) from just before the load generator starts (after one warm-up request) until the host stops: allocated
# bytes (System.Runtime) and the SQLite group commit's transactions, commands and prepares (meter OrleansCompute).
# Per-operation figures: tests/OrleansCompute.LoadTest/counters-per-op.py <file> <operations>.
if [ -n "${COUNTERS:-}" ]; then
  # One routed request first: the router builds its matcher (~70 MB allocated once) on the first one.
  curl -sf -o /dev/null "http://127.0.0.1:${port}/v2.1/" || true
  "${DOTNET_COUNTERS:-dotnet-counters}" collect -p "$host" --refresh-interval 1 --format csv -o "$COUNTERS" \
    --counters "System.Runtime[dotnet.gc.heap.total_allocated],OrleansCompute[compute.sqlite.group_commit.transactions,compute.sqlite.group_commit.commands,compute.sqlite.group_commit.prepares]" \
    >"$data/counters.log" 2>&1 &
  counters=$!
  sleep 2
fi

status=0
dotnet tests/OrleansCompute.LoadTest/bin/Release/net10.0/OrleansCompute.LoadTest.dll \
  --BaseUrl "http://127.0.0.1:${port}/v2.1" --HostPid "$host" --Output "$output" "$@" || status=$?
echo "results written to $output"
exit "$status"

#!/usr/bin/env bash
# Scale-out measured (issue 19): for N = 1, 2, 3 silos on PostgreSQL, each silo pinned to its own CPU set, the
# database and the load generators on other cores, create and show throughput summed over one load generator per
# silo (each drives its own silo's HTTP front, as a load balancer would spread clients).
#
#   tests/OrleansCompute.LoadTest/cluster-scaling.sh --silo-cpus "0-3;4-7;8-11" --db-cpus 12-13 --load-cpus 14-15
#       [--silos 1,2,3] [--duration 10] [--concurrency 16]
#
# Silo i runs on the i-th CPU set of --silo-cpus (';'-separated, taskset syntax). On a 2-core machine
# (--silo-cpus "0;0;0" --db-cpus 1 --load-cpus 1) it only proves that the script works: the figures say nothing
# about scale-out there. The design target: 3 silos >= 2.5x one silo's create throughput, same cores per silo.
# The PostgreSQL is the cluster script's own (temporary, started and removed here), pinned with its backends.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"

silo_cpus="0;0;0" db_cpus=1 load_cpus=1 counts=1,2,3 duration=10 concurrency=16
while [ $# -gt 0 ]; do
  case "$1" in
    --silo-cpus) silo_cpus="$2"; shift 2 ;;
    --db-cpus) db_cpus="$2"; shift 2 ;;
    --load-cpus) load_cpus="$2"; shift 2 ;;
    --silos) counts="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    *) echo "cluster-scaling: unknown argument $1" >&2; exit 2 ;;
  esac
done
IFS=';' read -r -a cpu_sets <<< "$silo_cpus"

if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build "$repo/src/OrleansCompute.Host" -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build "$repo/tests/OrleansCompute.LoadTest" -c Release -nologo -v quiet -clp:ErrorsOnly
fi
export OC_HOST_DLL="$repo/src/OrleansCompute.Host/bin/Release/net10.0/OrleansCompute.Host.dll"
loadgen="$repo/tests/OrleansCompute.LoadTest/bin/Release/net10.0/OrleansCompute.LoadTest.dll"
results="$(mktemp -d "${TMPDIR:-/tmp}/orleans-compute-scaling.XXXXXX")"
# The cluster script's PostgreSQL runs as the postgres user, under this directory.
chmod 755 "$results"

# Hosts and a network sized so that capacity never limits creates (as run.sh does).
host_args=(--Compute:FakeDriver:Instant=true --Compute:Quota:Instances=-1 --Compute:Quota:Cores=-1 --Compute:Quota:Ram=-1
  --Logging:LogLevel:Default=Warning
  --Compute:Catalog:Networks:0:Id=3cb9bc59-5699-4588-a4b1-b87f96708bc6 --Compute:Catalog:Networks:0:Name=private
  --Compute:Catalog:Networks:0:Cidr=10.0.0.0/12 --Compute:Catalog:Networks:0:IsDefault=true)
for i in $(seq 0 7); do
  host_args+=(--Compute:Catalog:Hosts:$i:Name=scale-$((i + 1)) --Compute:Catalog:Hosts:$i:HostIp=192.168.40.$((i + 1))
    --Compute:Catalog:Hosts:$i:Vcpus=10000 --Compute:Catalog:Hosts:$i:RamMb=20480000 --Compute:Catalog:Hosts:$i:DiskGb=40000)
done

echo "| silos | silo cpus | db cpus | load cpus | creates/s (sum) | create p50 ms (silo 1) | create p99 ms (silo 1) | shows/s (sum, c64) | errors |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in ${counts//,/ }; do
  export OC_CLUSTER_DIR="$results/cluster-$n"
  cluster="$repo/deploy/local-cluster.sh"
  trap '"$cluster" down >/dev/null 2>&1 || true' EXIT
  mapfile -t urls < <(env -u ConnectionStrings__Compute "$cluster" up --silos "$n" -- --Compute:Auth:Mode=noauth "${host_args[@]}")
  if [ "${#urls[@]}" -lt "$n" ]; then
    echo "cluster-scaling: the cluster of $n silos did not come up (logs in $OC_CLUSTER_DIR)" >&2
    exit 1
  fi
  # Pin every thread of each silo, and the database with every backend it has or forks later.
  for i in $(seq 1 "$n"); do
    taskset -a -cp "${cpu_sets[$(( (i - 1) % ${#cpu_sets[@]} ))]}" "$(cat "$OC_CLUSTER_DIR/silo-$i.pid")" >/dev/null
  done
  for pid in $(pgrep -f "$OC_CLUSTER_DIR/postgres" || true); do taskset -a -cp "$db_cpus" "$pid" >/dev/null 2>&1 || true; done

  pids=()
  for i in $(seq 1 "$n"); do
    taskset -c "$load_cpus" dotnet "$loadgen" --BaseUrl "${urls[$((i - 1))]}/v2.1" --Token "bench:bench-$i" \
      --Scenarios create,show --Count 1000000 --DurationSeconds "$duration" --Concurrency "$concurrency" \
      --ShowConcurrency 64 --Output "$results/n$n-silo$i.json" >"$results/n$n-silo$i.txt" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  "$cluster" down >/dev/null 2>&1 || true
  trap - EXIT

  python3 - "$results" "$n" "${cpu_sets[*]:0:$n}" "$db_cpus" "$load_cpus" <<'PY'
import glob, json, sys
folder, n, silo_cpus, db, load = sys.argv[1:6]
reports = [json.load(open(p)) for p in sorted(glob.glob(f"{folder}/n{n}-silo*.json"))]
def rows(name):
    return [r for rep in reports for r in rep["results"] if r["scenario"] == name and r.get("latency")]
creates, shows = rows("create"), rows("show")
first = creates[0]["latency"] if creates else {}
errors = sum(r["latency"]["errors"] for r in creates + shows)
print(f"| {n} | {silo_cpus} | {db} | {load} | {sum(r['latency']['per_second'] for r in creates):.0f} | {first.get('p50_ms')} | {first.get('p99_ms')} | {sum(r['latency']['per_second'] for r in shows):.0f} | {errors} |")
PY
done
echo "raw results in $results" >&2

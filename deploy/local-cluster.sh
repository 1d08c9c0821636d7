#!/usr/bin/env bash
# A local OrleansCompute cluster in one command: N silos on this machine, each serving the Nova API on its own
# HTTP port (with its own silo and gateway ports), sharing one PostgreSQL database.
#
#   deploy/local-cluster.sh up --silos N [--fronts M] [-- HOST-ARGS...]
#       Starts PostgreSQL when no connection string is given (Debian's postgresql package, in a temporary
#       directory, on 127.0.0.1), creates the schema (init-db), starts N silos, waits until every one is ready,
#       prints one HTTP base URL per line (silo 1 first) and returns. HOST-ARGS go to every silo and front, e.g.
#       --Compute:FakeDriver:SpawnSeconds=3. With --fronts M it also starts M HTTP fronts (the host with
#       --Compute:Role=front: Orleans clients that find the silos' gateways in the database, no grains) and prints
#       their URLs after the silos'.
#   deploy/local-cluster.sh kill I     SIGKILL silo I (1-based), as a crash.
#   deploy/local-cluster.sh start I    starts silo I again on its ports; prints its URL once it is ready.
#   deploy/local-cluster.sh stop I     (extra) SIGTERM silo I and wait: a graceful stop.
#   deploy/local-cluster.sh kill-front J / start-front J    the same for front J.
#   deploy/local-cluster.sh down       stops every silo and front it started and removes its temporary PostgreSQL.
#
# Environment:
#   ConnectionStrings__Compute   an existing PostgreSQL database to use (Npgsql syntax); then no server is started.
#   OC_CLUSTER_DIR               where the cluster keeps its state (default: $TMPDIR/orleans-compute-local-cluster).
#   OC_HOST_DLL                  an already-built OrleansCompute.Host.dll; otherwise the host is published (Release).
# Logs: $OC_CLUSTER_DIR/silo-I.log, front-J.log; PostgreSQL's under $OC_CLUSTER_DIR/postgres. Each node has a data
# directory of its own ($OC_CLUSTER_DIR/data-silo-I, data-front-J), as pods have: the built-in identity service
# keeps its token keys and generated passwords in the database, so a token issued by one node is accepted by every
# node; each node writes a clouds.yaml with its own URL into its data directory.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
state="${OC_CLUSTER_DIR:-${TMPDIR:-/tmp}/orleans-compute-local-cluster}"
ready_timeout=120

die() { echo "local-cluster: $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ports come from 10000-14999: below Linux's ephemeral range (32768-60999), so that no outgoing connection (a
# database pool, a client) takes a chosen port before the node binds it; and apart from the range the test suite
# picks its own servers' ports from (15000-32767).
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 10000 + (RANDOM * 32768 + RANDOM) % 5000 ))
    if ! port_in_use "$port" && ! grep -qs -E "=$port\$" "$state"/silo-*.env "$state"/front-*.env; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

http_status() {
  # Prints the HTTP status of GET http://127.0.0.1:$1$2, or 000 when nothing answers (bash only: no curl needed).
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    read -r -t 5 _ code _ <&3 && echo "$code"
  ) 2>/dev/null || echo 000
}

host_dll() {
  if [ -n "${OC_HOST_DLL:-}" ]; then
    echo "$OC_HOST_DLL"
    return
  fi
  if [ ! -f "$state/app/OrleansCompute.Host.dll" ]; then
    echo "local-cluster: publishing the host (Release) into $state/app ..." >&2
    dotnet publish "$repo/src/OrleansCompute.Host/OrleansCompute.Host.csproj" -c Release -o "$state/app" \
      -nologo -v quiet -clp:ErrorsOnly >&2 || die "the host did not build"
  fi
  echo "$state/app/OrleansCompute.Host.dll"
}

connection_string() { cat "$state/connection-string"; }

# start_node KIND I: KIND is silo or front.
start_node() {
  local kind="$1" i="$2" env="$state/$1-$2.env"
  [ -f "$env" ] || die "$kind $i is not part of this cluster"
  # shellcheck disable=SC1090
  . "$env"
  if [ -f "$state/$kind-$i.pid" ] && kill -0 "$(cat "$state/$kind-$i.pid")" 2>/dev/null; then
    die "$kind $i is already running (pid $(cat "$state/$kind-$i.pid"))"
  fi
  local args=() role=()
  [ -f "$state/host-args" ] && mapfile -t args < "$state/host-args"
  if [ "$kind" = silo ]; then
    role=(--Compute:AdvertisedAddress=127.0.0.1 "--Compute:SiloPort=$SILO_PORT" "--Compute:GatewayPort=$GATEWAY_PORT")
  else
    role=(--Compute:Role=front)
  fi
  # setsid: the node outlives this script and gets no terminal signals meant for it.
  ConnectionStrings__Compute="$(connection_string)" ASPNETCORE_ENVIRONMENT=Production \
    setsid dotnet "$(cat "$state/host-dll")" \
      "--urls=http://127.0.0.1:$HTTP_PORT" \
      --Compute:Mode=cluster \
      "${role[@]}" \
      "--Compute:DataDirectory=$state/data-$kind-$i" \
      "${args[@]}" \
      </dev/null >>"$state/$kind-$i.log" 2>&1 &
  echo $! > "$state/$kind-$i.pid"
}

start_silo() { start_node silo "$1"; }

# wait_ready KIND I...
wait_ready_nodes() {
  local kind="$1" deadline=$(( SECONDS + ready_timeout )) i port pid
  shift
  for i in "$@"; do
    port=$(. "$state/$kind-$i.env"; echo "$HTTP_PORT")
    pid=$(cat "$state/$kind-$i.pid")
    until [ "$(http_status "$port" /healthz/ready)" = 200 ]; do
      kill -0 "$pid" 2>/dev/null || { tail -n 30 "$state/$kind-$i.log" >&2; die "$kind $i exited during start-up (log: $state/$kind-$i.log)"; }
      [ "$SECONDS" -lt "$deadline" ] || { tail -n 30 "$state/$kind-$i.log" >&2; die "$kind $i was not ready within ${ready_timeout}s"; }
      sleep 0.2
    done
  done
}

wait_ready() { wait_ready_nodes silo "$@"; }

url_of() { echo "http://127.0.0.1:$(. "$state/${2:-silo}-$1.env"; echo "$HTTP_PORT")"; }

kill_node() {
  local pid
  pid=$(cat "$state/$1-$2.pid")
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

require_up() { [ -f "$state/silos" ] || die "no cluster is up (state: $state)"; }

check_index() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$(cat "$state/silos")" ] || die "silo index must be 1..$(cat "$state/silos")"
}

check_front() {
  local fronts
  fronts=$(cat "$state/fronts" 2>/dev/null || echo 0)
  [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$fronts" ] || die "front index must be 1..$fronts"
}

command="${1:-}"
shift || true
case "$command" in
  up)
    silos=""
    fronts=0
    while [ $# -gt 0 ]; do
      case "$1" in
        --silos) silos="${2:-}"; shift 2 ;;
        --silos=*) silos="${1#*=}"; shift ;;
        --fronts) fronts="${2:-}"; shift 2 ;;
        --fronts=*) fronts="${1#*=}"; shift ;;
        --) shift; break ;;
        *) die "unknown option $1 (usage: up --silos N [--fronts M] [-- HOST-ARGS...])" ;;
      esac
    done
    [[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "up needs --silos N (N >= 1)"
    [[ "$fronts" =~ ^[0-9]+$ ]] || die "--fronts M needs a number (M >= 0)"
    [ -f "$state/silos" ] && die "a cluster is already up (state: $state); run down first"
    mkdir -p "$state"
    printf '%s\n' "$@" > "$state/host-args"
    [ $# -eq 0 ] && : > "$state/host-args"
    host_dll > "$state/host-dll"

    if [ -n "${ConnectionStrings__Compute:-}" ]; then
      printf '%s\n' "$ConnectionStrings__Compute" > "$state/connection-string"
    else
      echo "local-cluster: starting a temporary PostgreSQL in $state/postgres ..." >&2
      "$repo/deploy/temp-postgres.sh" start "$state/postgres" > "$state/connection-string"
    fi

    ConnectionStrings__Compute="$(connection_string)" dotnet "$(cat "$state/host-dll")" init-db --Compute:Mode=cluster \
      >"$state/init-db.log" 2>&1 || { cat "$state/init-db.log" >&2; die "init-db failed"; }

    echo "$silos" > "$state/silos"
    for i in $(seq 1 "$silos"); do
      { echo "HTTP_PORT=$(free_port)"; } > "$state/silo-$i.env"
      echo "SILO_PORT=$(free_port)" >> "$state/silo-$i.env"
      echo "GATEWAY_PORT=$(free_port)" >> "$state/silo-$i.env"
    done
    # The first silo alone, then the rest together: the first creates the membership version row.
    start_silo 1
    wait_ready 1
    for i in $(seq 2 "$silos"); do start_silo "$i"; done
    if [ "$silos" -gt 1 ]; then wait_ready $(seq 2 "$silos"); fi
    echo "$fronts" > "$state/fronts"
    if [ "$fronts" -gt 0 ]; then
      for j in $(seq 1 "$fronts"); do
        echo "HTTP_PORT=$(free_port)" > "$state/front-$j.env"
        start_node front "$j"
      done
      wait_ready_nodes front $(seq 1 "$fronts")
    fi
    for i in $(seq 1 "$silos"); do url_of "$i"; done
    if [ "$fronts" -gt 0 ]; then for j in $(seq 1 "$fronts"); do url_of "$j" front; done; fi
    ;;
  kill)
    require_up; check_index "${1:-}"
    kill_node silo "$1"
    ;;
  kill-front)
    require_up; check_front "${1:-}"
    kill_node front "$1"
    ;;
  start-front)
    require_up; check_front "${1:-}"
    start_node front "$1"
    wait_ready_nodes front "$1"
    url_of "$1" front
    ;;
  stop)
    require_up; check_index "${1:-}"
    pid=$(cat "$state/silo-$1.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"
      die "silo $1 did not stop within 30 s; killed"
    fi
    ;;
  start)
    require_up; check_index "${1:-}"
    start_silo "$1"
    wait_ready "$1"
    url_of "$1"
    ;;
  down)
    [ -d "$state" ] || exit 0
    # Fronts first: they are clients of the silos.
    for pidfile in "$state"/front-*.pid "$state"/silo-*.pid; do
      [ -f "$pidfile" ] || continue
      kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    done
    for pidfile in "$state"/front-*.pid "$state"/silo-*.pid; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      kill -KILL "$pid" 2>/dev/null || true
    done
    if [ -d "$state/postgres" ]; then "$repo/deploy/temp-postgres.sh" stop "$state/postgres"; fi
    rm -rf "$state"
    ;;
  *)
    sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac

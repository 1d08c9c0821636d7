#!/usr/bin/env bash
# A private, throw-away PostgreSQL server in a directory of its own, listening on 127.0.0.1 only, run with
# the server binaries of Debian's postgresql package. Used by deploy/local-cluster.sh and by the tests.
#
#   deploy/temp-postgres.sh start DIR [FAST]   creates DIR, starts the server on a free port, creates the role and
#                                              database "orleanscompute", prints the Npgsql connection string (also
#                                              written to DIR/connection-string). FAST=fast turns fsync off (tests).
#   deploy/temp-postgres.sh stop DIR           stops the server and removes DIR.
#   deploy/temp-postgres.sh pause DIR          stops the server and keeps DIR (an outage: the clients see it gone).
#   deploy/temp-postgres.sh resume DIR         starts a paused server again, on its port with its options.
#
# As root the server runs as the "postgres" user (PostgreSQL refuses to run as root); otherwise as the caller.
set -euo pipefail

command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start DIR [fast] | stop DIR | pause DIR | resume DIR" >&2
  exit 2
fi

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)." >&2
    exit 1
  fi
  echo "$found"
}

# Runs a command as the server's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$command" in
  start)
    bin=$(bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: "$dir"
    fi
    chmod 700 "$dir"
    password="oc-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" > "$dir/.pw"
    chmod 600 "$dir/.pw"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/.pw"
    as_owner "$bin/initdb" -D "$dir/data" -U orleanscompute --pwfile="$dir/.pw" -A scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/.pw"

    options="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=300"
    if [ "${3:-}" = "fast" ]; then
      # Test databases are thrown away: trade crash safety of the server for speed.
      options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi

    for attempt in $(seq 1 20); do
      port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
      port_in_use "$port" && continue
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port $options" -w -t 60 start >/dev/null 2>&1; then
        break
      fi
      port=""
    done
    printf '%s\n' "$options" > "$dir/options"
    if [ -z "${port:-}" ]; then
      echo "PostgreSQL did not start; see $dir/server.log:" >&2
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    fi

    PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U orleanscompute -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE DATABASE orleanscompute OWNER orleanscompute;" >/dev/null
    connection="Host=127.0.0.1;Port=$port;Database=orleanscompute;Username=orleanscompute;Password=$password"
    printf '%s\n' "$connection" > "$dir/connection-string"
    echo "$connection"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      bin=$(bindir)
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  pause)
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    port=$(sed -n 's/.*;Port=\([0-9]*\);.*/\1/p' "$dir/connection-string")
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port $(cat "$dir/options")" -w -t 60 start >/dev/null
    ;;
  *)
    echo "usage: $0 start DIR [fast] | stop DIR | pause DIR | resume DIR" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Where a create's durable writes go (issue 19): creates COUNT servers (each waited for until ACTIVE) on a fresh
# embedded host, stops it, and reads the SQLite file: per grain type the rows, the state writes (the sum of the
# rows' versions: each write raises a row's version by one) and the payload sizes; and the index rows and their
# revisions (each revision is one index upsert). HOST_TREE as in run.sh (a before/after on two trees).
#   tests/OrleansCompute.LoadTest/writes-per-create.sh [COUNT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
count="${1:-200}"
kept="$( (KEEP_DATA=1 OUTPUT=/dev/null "$here/run.sh" --Scenarios create-to-active --Count "$count" --DurationSeconds 60 || true) | sed -n 's/^data kept in //p')"
db="$kept/compute.db"
active="$(sqlite3 "$db" "SELECT count(*) FROM compute_servers WHERE vm_state = 'active';")"
echo "servers ACTIVE: $active (of $count created)"
echo "| grain type | rows | state writes | writes per ACTIVE server | payload bytes avg | payload bytes max |"
echo "|---|---|---|---|---|---|"
sqlite3 -separator ' | ' "$db" "SELECT '| ' || GrainTypeString, count(*), sum(Version), printf('%.2f', sum(Version) * 1.0 / $active), CAST(avg(length(PayloadBinary)) AS INTEGER), max(length(PayloadBinary)) || ' |' FROM OrleansStorage GROUP BY GrainTypeString ORDER BY sum(Version) DESC;"
sqlite3 -separator ' | ' "$db" "SELECT '| index (compute_servers) upserts', count(*), sum(revision), printf('%.2f', sum(revision) * 1.0 / $active), CAST(avg(length(snapshot)) AS INTEGER), max(length(snapshot)) || ' |' FROM compute_servers;"
rm -rf "$kept"

#!/usr/bin/env bash
# Where a delete's durable writes go (issue 19): two runs on fresh embedded hosts, both creating COUNT servers to
# ACTIVE, the second also deleting them (each waited for until gone); each host is left LINGER_SECONDS (10) after
# the load generator so the deletes' background releases finish before the SQLite file is read. Per grain type,
# the state writes (each raises a row's version by one) of the second run minus the first, per delete; the same
# for the server index's revisions, and the reminder rows left. HOST_TREE as in run.sh (a before/after on two trees).
#   tests/OrleansCompute.LoadTest/writes-per-delete.sh [COUNT]   (COUNT at most 500: the delete scenario's cap)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
count="${1:-200}"
stats() {
  local db="$1/compute.db"
  sqlite3 -separator '|' "$db" "SELECT GrainTypeString, sum(Version) FROM OrleansStorage GROUP BY GrainTypeString;
    SELECT 'index (compute_servers) upserts', sum(revision) FROM compute_servers;
    SELECT 'reminder rows left', count(*) FROM OrleansRemindersTable;"
}
run() {
  (KEEP_DATA=1 LINGER_SECONDS="${LINGER_SECONDS:-10}" OUTPUT=/dev/null "$here/run.sh" --Scenarios "$1" --Count "$count" --DurationSeconds 60 || true) \
    | sed -n 's/^data kept in //p'
}
created="$(run create-to-active)"
deleted="$(run create-to-active,delete)"
gone="$(sqlite3 "$deleted/compute.db" "SELECT count(*) FROM compute_servers WHERE vm_state = 'deleted';")"
echo "servers deleted: $gone (of $count)"
echo "| what | writes (create only) | writes (create and delete) | per delete |"
echo "|---|---|---|---|"
{ stats "$created" | sed 's/^/created|/'; stats "$deleted" | sed 's/^/deleted|/'; } | awk -F'|' -v n="$gone" '
  $1 == "created" { before[$2] = $3 } $1 == "deleted" { after[$2] = $3; order[++k] = $2 }
  END { for (i = 1; i <= k; i++) { w = order[i]; printf "| %s | %d | %d | %.2f |\n", w, before[w], after[w], (n > 0 ? (after[w] - before[w]) / n : 0) } }'
rm -rf "$created" "$deleted"

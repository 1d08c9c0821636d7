#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine, and nothing when it is already there:
# - the .NET SDK 10 (checked, not installed: it is the machine's toolchain);
# - PostgreSQL's server binaries from Debian's postgresql package (the cluster tests run against a real one).
# With a directory argument it also starts a private PostgreSQL server there for the tests (127.0.0.1, a free
# port, fsync off) and writes its connection string to DIR/connection-string; tests/run.sh stops it afterwards
# with: deploy/temp-postgres.sh stop DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is required (dotnet was not found on PATH)." >&2
  exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is required: run as root, or: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "Installing PostgreSQL from Debian's packages ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq postgresql >/dev/null
fi

if [ -n "${1:-}" ]; then
  deploy/temp-postgres.sh start "$1" fast >/dev/null
fi

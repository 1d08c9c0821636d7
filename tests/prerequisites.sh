#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine, and nothing when it is already there:
# - the .NET SDK 10 (checked, not installed: it is the machine's toolchain);
# - Debian's real OpenStack clients (python3-openstackclient, python3-novaclient), which the real-client tests
#   drive; a missing client is a test failure, so they are installed here when absent;
# - PostgreSQL's server binaries from Debian's postgresql package (the cluster tests run against a real one);
# - Debian's chromium, which the console's browser tests drive headless through Playwright.
# With a directory argument it also starts a private PostgreSQL server there for the tests (127.0.0.1, a free
# port, fsync off) and writes its connection string to DIR/connection-string; tests/run.sh stops it afterwards
# with: deploy/temp-postgres.sh stop DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is required (dotnet was not found on PATH)." >&2
  exit 1
fi

if ! command -v openstack >/dev/null 2>&1 || ! command -v nova >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt_get=(apt-get)
  elif command -v sudo >/dev/null 2>&1; then
    apt_get=(sudo apt-get)
  else
    echo "python3-openstackclient and python3-novaclient are required; install them as root (apt-get install python3-openstackclient python3-novaclient)." >&2
    exit 1
  fi
  echo "Installing Debian's OpenStack clients (python3-openstackclient, python3-novaclient)..."
  "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends python3-openstackclient python3-novaclient >/dev/null
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

# Debian's chromium for the console's browser tests (Playwright drives it; no browser is ever downloaded).
if ! [ -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is required for the console tests: run as root, or: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  echo "Installing chromium from Debian's packages ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

# Debian's strace for the embedded write-fault test (UnwritableDatabaseTests injects EROFS into the running host's
# database writes with it; ptrace of the host needs root, as CI runs).
if ! command -v strace >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "strace is required for the write-fault test: run as root, or: sudo apt-get install -y strace" >&2
    exit 1
  fi
  echo "Installing strace from Debian's packages ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends strace >/dev/null
fi

if [ -n "${1:-}" ]; then
  deploy/temp-postgres.sh start "$1" fast >/dev/null
fi

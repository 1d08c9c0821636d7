#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine, and nothing when it is already there.
# Today that is the .NET SDK 10 only (checked, not installed: it is the machine's toolchain).
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is required (dotnet was not found on PATH)." >&2
  exit 1
fi

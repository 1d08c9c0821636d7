#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine, and nothing when it is already there.
# - the .NET SDK 10 (checked, not installed: it is the machine's toolchain);
# - Debian's real OpenStack clients (python3-openstackclient, python3-novaclient), which the real-client tests
#   drive; a missing client is a test failure, so they are installed here when absent.
set -euo pipefail

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

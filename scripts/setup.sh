#!/usr/bin/env bash
# Installs the Debian 12 packages kmsaccess needs to build and test. Safe to run repeatedly.
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config git
          libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libfmt-dev doctest-dev)
packages+=("$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

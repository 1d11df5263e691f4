#!/usr/bin/env bash
# Installs the Debian packages chorus needs to build and test, when missing.
# As root it runs apt-get itself; otherwise it prints the exact command.
set -euo pipefail

packages=(build-essential cmake ninja-build pkgconf git python3
          libstemmer-dev libutf8proc-dev libjson-c-dev libxml2-dev zlib1g-dev
          libxxhash-dev libcmocka-dev
          iso-codes)  # iso-codes: country names for scripts/gen_entity_words.py
[ "${CHORUS_SETUP_FUZZ:-0}" = 1 ] && packages+=(clang libclang-rt-14-dev)
# bench/extract.sh compares against python3-readability (readability-lxml)
[ "${CHORUS_SETUP_BENCH:-0}" = 1 ] && packages+=(python3-readability time)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "chorus setup: missing packages; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "chorus setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

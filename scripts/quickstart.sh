#!/usr/bin/env bash
# Builds chorus (installing missing Debian packages first) and summarizes the
# bundled example story.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default
./build/chorus summarize examples/harbor-bridge

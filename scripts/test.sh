#!/usr/bin/env bash
# Builds chorus and runs its whole test suite. With --preset asan, the same
# suite under AddressSanitizer and UndefinedBehaviorSanitizer.
# Tests that read ../shared/data carry the CTest label "data"; set
# CHORUS_TEST_ARGS="-LE data" to leave them out.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=default
[ "${1:-}" = "--preset" ] && preset=${2:?preset name}
scripts/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j2 ${CHORUS_TEST_ARGS:-}

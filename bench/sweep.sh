#!/usr/bin/env bash
# Builds chorus with the given tuning constants of src/summarize.c (as -D
# flags, e.g. "-DUNIGRAM_WEIGHT=0.4 -DPOSITION_WEIGHT=2.0") in a scratch
# directory and prints the coverage method's ROUGE-1 and ROUGE-2 (eval's
# default flags: recall on DUC, F1 on Multi-News) on three development
# sets. Reads ../shared/data; says so and exits 0 when it is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${CHORUS_DATA:-$here/../shared/data}/summarization
[ -d "$data" ] || { echo "sweep: $data not found; nothing to measure"; exit 0; }
defs=${1:-}
build=$(mktemp -d /tmp/chorus-sweep.XXXXXX)
trap 'rm -rf "$build"' EXIT
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
      -DCMAKE_C_FLAGS="$defs" >/dev/null
cmake --build "$build" >/dev/null
line="${defs:-(defaults)}"
for set in duc2003 duc2007-update multinews-val; do
  scores=$("$build/chorus" eval --method coverage "$data/$set.jsonl" | awk '$1=="coverage"{print $2, $3; exit}')
  line="$line | $set $scores"
done
echo "$line"

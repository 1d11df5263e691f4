#!/usr/bin/env bash
# Article extraction benchmark: `chorus batch --clean` and python3-readability
# over the same pages of ../shared/data/extraction (Readability's test pages,
# goose3's cases, trafilatura's English evaluation pages), in one run.
# Prints body P/R/F1, trafilatura snippet P/R/F1, goose3 prefix passes,
# title/byline/date accuracy and throughput (bench/README.md explains them).
#   bench/extract.sh [DATA_DIR]     (python3-readability: CHORUS_SETUP_BENCH=1 scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/extraction}
[ -d "$data" ] || data=/work/shared/data/extraction
if [ ! -d "$data/readability" ]; then echo "extract: skipped (no $data)"; exit 0; fi
chorus=${CHORUS:-build/chorus}
[ -x "$chorus" ] || { echo "extract: build chorus first (cmake --build --preset default)" >&2; exit 2; }
basepy=/usr/bin/python3
"$basepy" -c 'import readability' 2>/dev/null ||
  { echo "extract: python3-readability missing (CHORUS_SETUP_BENCH=1 scripts/setup.sh)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bytes=$(python3 bench/extract.py pages "$data" "$tmp/pages.jsonl")
pages=$(wc -l < "$tmp/pages.jsonl")

# each side runs three times; the fastest run counts (the machine is shared)
runs=${CHORUS_BENCH_RUNS:-3}
chorus_s=
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$chorus" batch --clean "$tmp/pages.jsonl" > "$tmp/chorus.jsonl"
  end=$(date +%s.%N)
  chorus_s=$(awk -v a="$start" -v b="$end" -v m="$chorus_s" \
    'BEGIN { t = b - a; if (m != "" && m < t) t = m; printf "%.6f", t }')
done
# the baseline times itself inside its process, around the extraction only
base_s=
for _ in $(seq "$runs"); do
  t=$("$basepy" bench/extract.py baseline "$tmp/pages.jsonl" "$tmp/base.jsonl" 2>/dev/null)
  base_s=$(awk -v t="$t" -v m="$base_s" 'BEGIN { if (m != "" && m < t) t = m; printf "%.6f", t }')
done

printf '{"pages": %d, "bytes": %d, "chorus_seconds": %s, "baseline_seconds": %s}\n' \
  "$pages" "$bytes" "$chorus_s" "$base_s" > "$tmp/times.json"
echo "extract: $(date -u +%Y-%m-%d) $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
python3 bench/extract.py score "$data" "$tmp/chorus.jsonl" "$tmp/base.jsonl" "$tmp/times.json"
[ -n "${CHORUS_BENCH_KEEP:-}" ] && cp "$tmp"/*.jsonl "$CHORUS_BENCH_KEEP"/ || true

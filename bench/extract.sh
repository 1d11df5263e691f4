#!/usr/bin/env bash
# Article extraction benchmark: `chorus clean --each` and python3-readability
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
bytes=$(python3 bench/extract.py pages "$data" "$tmp/pages.jsonl" "$tmp/pages.list")
pages=$(wc -l < "$tmp/pages.jsonl")
mapfile -t files < <(cut -f2 "$tmp/pages.list")

# each side runs three times; the least CPU time (user + system) counts, as
# the machine may be shared
runs=${CHORUS_BENCH_RUNS:-3}
chorus_s=
for _ in $(seq "$runs"); do
  /usr/bin/time -o "$tmp/cpu" -f "%U %S" "$chorus" clean --each -f json "${files[@]}" \
    > "$tmp/chorus.jsonl" 2>/dev/null || true
  t=$(tail -1 "$tmp/cpu" | awk '{ printf "%.6f", $1 + $2 }')
  chorus_s=$(awk -v t="$t" -v m="$chorus_s" 'BEGIN { if (m != "" && m < t) t = m; printf "%.6f", t }')
done
# the baseline times its own CPU time, around the extraction only
base_s=
for _ in $(seq "$runs"); do
  t=$("$basepy" bench/extract.py baseline "$tmp/pages.jsonl" "$tmp/base.jsonl" 2>/dev/null)
  base_s=$(awk -v t="$t" -v m="$base_s" 'BEGIN { if (m != "" && m < t) t = m; printf "%.6f", t }')
done

printf '{"pages": %d, "bytes": %d, "chorus_seconds": %s, "baseline_seconds": %s}\n' \
  "$pages" "$bytes" "$chorus_s" "$base_s" > "$tmp/times.json"
echo "extract: $(date -u +%Y-%m-%d) $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
python3 bench/extract.py score "$data" "$tmp/chorus.jsonl" "$tmp/base.jsonl" "$tmp/times.json" \
  "$tmp/pages.list"
[ -n "${CHORUS_BENCH_KEEP:-}" ] && cp "$tmp"/*.jsonl "$CHORUS_BENCH_KEEP"/ || true

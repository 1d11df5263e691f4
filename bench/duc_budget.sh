#!/usr/bin/env bash
# Summarizes every story of the DUC 2003 and DUC 2007 update development sets
# with `chorus batch --plain -w 100`, checks that no summary exceeds 100 words
# (whitespace-separated, as ROUGE counts), and prints the wall time per set.
# Reads ../shared/data when it exists; says so and exits 0 when it does not.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
chorus=${CHORUS:-$here/build/chorus}
data=${CHORUS_DATA:-$here/../shared/data}/summarization
if [ ! -d "$data" ]; then
  echo "duc_budget: $data not found; nothing to measure"
  exit 0
fi
for set in duc2003 duc2007-update; do
  file=$data/$set.jsonl
  [ -f "$file" ] || { echo "duc_budget: $file missing"; continue; }
  out=$(mktemp)
  start=$(date +%s.%N)
  "$chorus" batch --plain -w 100 "$file" >"$out"
  end=$(date +%s.%N)
  python3 - "$out" "$set" "$start" "$end" <<'PY'
import json, sys
path, name, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
stories = over = empty = errors = 0
longest = 0
for line in open(path, encoding="utf-8"):
    rec = json.loads(line)
    stories += 1
    if "error" in rec:
        errors += 1
        continue
    words = sum(len(s.split()) for s in rec["summary"])
    longest = max(longest, words)
    over += words > 100
    empty += words == 0
print(f"{name}: {stories} stories, {errors} errors, {empty} empty, {over} over 100 words, "
      f"longest {longest} words, {end - start:.3f} s")
sys.exit(1 if over or errors or empty else 0)
PY
  rm -f "$out"
done

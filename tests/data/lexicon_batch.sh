#!/usr/bin/env bash
# `chorus batch` shares one lexicon across its stories; each story's result
# must be byte-identical to the result of the same story run on its own
# (a batch of one line, with a fresh lexicon). Checked on every DUC 2003,
# DUC 2007 update and MultiLing 2011 story and the first 200 Multi-News
# stories. Skipped (exit 77) when ../shared/data is absent.
set -euo pipefail
chorus=$1
data=$2
sets=$data/summarization
[ -d "$sets" ] || { echo "no development data at $sets: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { # FILE WORDS LINES
  head -n "$3" "$1" > "$work/in.jsonl"
  "$chorus" batch -w "$2" < "$work/in.jsonl" > "$work/shared.jsonl"
  : > "$work/alone.jsonl"
  while IFS= read -r line; do
    printf '%s\n' "$line" | "$chorus" batch -w "$2" >> "$work/alone.jsonl"
  done < "$work/in.jsonl"
  if ! cmp -s "$work/shared.jsonl" "$work/alone.jsonl"; then
    echo "FAIL: $(basename "$1"): results differ with the shared lexicon"
    diff "$work/shared.jsonl" "$work/alone.jsonl" | head -5
    exit 1
  fi
  echo "ok: $(basename "$1"): $(wc -l < "$work/in.jsonl") stories identical"
}
check "$sets/duc2003.jsonl" 100 1000000
check "$sets/duc2007-update.jsonl" 100 1000000
check "$sets/multiling2011-en.jsonl" 250 1000000
check "$sets/multinews-val.jsonl" 300 200

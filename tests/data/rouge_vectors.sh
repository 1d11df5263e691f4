#!/usr/bin/env bash
# Checks `chorus rouge` against the ROUGE-1.5.5 test vectors of
# ../shared/data/rouge (vectors.jsonl, stems.tsv): every printed Average
# must equal the Perl script's to the last digit. Skipped (exit 77) when the
# data folder or python3 is absent.
#   usage: rouge_vectors.sh CHORUS DATA_DIR
set -u
chorus=$1
data=$2/rouge
if [ ! -f "$data/vectors.jsonl" ] || ! command -v python3 >/dev/null; then
  echo "skipped: $data/vectors.jsonl or python3 not found"
  exit 77
fi
exec python3 "$(dirname "$0")/rouge_vectors.py" "$chorus" "$data"

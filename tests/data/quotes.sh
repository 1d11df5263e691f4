#!/usr/bin/env bash
# Quotes stay at the figures of issue 6 on PolNeAR dev: direct-quote content
# F1 >= 0.80 and speaker accuracy >= 0.85 (rules in bench/README.md,
# scorer bench/quotes_score.py). Skipped (exit 77) when the data is absent.
chorus=$1
data=$2
split="$data/quotes/polnear/dev"
[ -d "$split" ] || { echo "no PolNeAR data at $split: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
out=$(python3 "$(dirname "$0")/../../bench/quotes_score.py" "$chorus" "$split") || exit 1
echo "$out"
f1=$(echo "$out" | sed -n 's/.*F1 \([0-9.]*\).*/\1/p')
acc=$(echo "$out" | sed -n 's/^speaker accuracy \([0-9.]*\).*/\1/p')
python3 -c "import sys; sys.exit(0 if $f1 >= 0.80 and $acc >= 0.85 else 1)" ||
  { echo "below issue 6: content F1 $f1 (>= 0.80), speaker accuracy $acc (>= 0.85)"; exit 1; }

#!/usr/bin/env bash
# Citations tell same-content sentence pairs at least as well as guessing
# the majority class, with F1 >= 0.80 on the paraphrase class (MSRP train,
# bench/citations.py). Skipped (exit 77) when the data is absent.
chorus=$1
data=$2
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
out=$(python3 "$(dirname "$0")/../../bench/citations.py" "$chorus" "$data")
status=$?
echo "$out"
[ "$status" = 0 ] || exit "$status"
acc=$(echo "$out" | sed -n 's/^accuracy \([0-9.]*\) (majority \([0-9.]*\)).*/\1 \2/p')
f1=$(echo "$out" | sed -n 's/.*F1 \([0-9.]*\).*/\1/p')
set -- $acc
python3 -c "import sys; sys.exit(0 if $1 >= $2 and $f1 >= 0.80 else 1)" ||
  { echo "citations below the bar: accuracy $1 (majority $2), F1 $f1 (>= 0.80)"; exit 1; }

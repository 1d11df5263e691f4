#!/usr/bin/env bash
# Citations tell same-content sentence pairs better than guessing the
# majority class (0.675): accuracy >= 0.69, and on the paraphrase class
# precision >= 0.72 and F1 >= 0.79 (MSRP train, bench/citations.py). Skipped (exit 77) when the data is absent.
chorus=$1
data=$2
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
out=$(python3 "$(dirname "$0")/../../bench/citations.py" "$chorus" "$data")
status=$?
echo "$out"
[ "$status" = 0 ] || exit "$status"
acc=$(echo "$out" | sed -n 's/^accuracy \([0-9.]*\) (majority \([0-9.]*\)).*/\1 \2/p')
f1=$(echo "$out" | sed -n 's/.*F1 \([0-9.]*\).*/\1/p')
precision=$(echo "$out" | sed -n 's/.*precision \([0-9.]*\).*/\1/p')
set -- $acc
python3 -c "import sys; sys.exit(0 if $1 >= 0.69 and $precision >= 0.72 and $f1 >= 0.79 else 1)" ||
  { echo "citations below the bar: accuracy $1 (>= 0.69), precision $precision (>= 0.72), F1 $f1 (>= 0.79)"; exit 1; }

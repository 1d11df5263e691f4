#!/usr/bin/env bash
# Every DUC 2003 / DUC 2007 update development story gets a summary of at
# most 100 words. Skipped (exit 77) when ../shared/data is absent.
chorus=$1
data=$2
[ -d "$data/summarization" ] || { echo "no development data at $data: skipped"; exit 77; }
CHORUS="$chorus" CHORUS_DATA="$data" "$(dirname "$0")/../../bench/duc_budget.sh"

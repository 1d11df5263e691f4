#!/usr/bin/env bash
# Runs `chorus eval` on every development set of ../shared/data/summarization
# with a lead baseline beside it, measures the ROUGE scorer's speed on a
# 50-story set with 4 references, and writes the tables into bench/README.md
# (section "ROUGE: chorus eval on the development sets"; other sections are
# kept). --no-write prints the section only. CHORUS and CHORUS_DATA override
# the binary (build/chorus) and the data folder (../shared/data).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/eval.py" "$@"

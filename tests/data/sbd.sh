#!/usr/bin/env bash
# Sentence boundaries stay at the figures of issue 9 on ../shared/data/sbd:
# Golden Rules >= 47/48, pragmatic_segmenter (strict cases) >= 95%, UD
# English GUM dev F1 >= 0.97 and EWT dev F1 >= 0.92 (protocol in
# bench/README.md). The segmenter runs through bench/segment_tool, built
# beside the chorus binary. Skipped (exit 77) when the data is absent.
chorus=$1
data=$2
[ -d "$data/sbd" ] || { echo "no sentence boundary data at $data/sbd: skipped"; exit 77; }
tool="$(dirname "$chorus")/bench/segment_tool"
[ -x "$tool" ] || { echo "missing $tool (build the default preset)"; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
exec python3 "$(dirname "$0")/../../bench/sbd_score.py" --data "$data" --check -- "$tool" split

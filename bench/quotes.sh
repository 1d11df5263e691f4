#!/usr/bin/env bash
# Quotes and entities: PolNeAR dev (direct-quote content F1, speaker
# accuracy; bench/quotes_score.py), CoNLL++ dev (mention F1 per type of the
# entity spotter; bench/ner_score.py), and the time the two analyses add to
# summarizing (`chorus batch --plain -w 300` over Multi-News val with and
# without --no-analyses, best of three each, same run).
#
#   bench/quotes.sh [BUILD_DIR]      (default: build, from `cmake --preset default`)
#
# The matching rules are in bench/README.md and at the top of each scorer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
data=${CHORUS_DATA:-$root/../shared/data}
chorus=$build/chorus
[ -x "$chorus" ] || { echo "quotes.sh: build first: cmake --preset default && cmake --build --preset default" >&2; exit 2; }

if [ -d "$data/quotes/polnear/dev" ]; then
  echo "== PolNeAR dev: direct quotes"
  python3 "$root/bench/quotes_score.py" "$chorus" "$data/quotes/polnear/dev"
else
  echo "== PolNeAR: no data at $data/quotes/polnear: skipped"
fi

if [ -f "$data/ner/conllpp/conllpp_dev.txt" ]; then
  echo "== CoNLL++ dev: entity mentions"
  python3 "$root/bench/ner_score.py" "$chorus" "$data/ner/conllpp/conllpp_dev.txt"
else
  echo "== CoNLL++: no data at $data/ner/conllpp: skipped"
fi

set_file=$data/summarization/multinews-val.jsonl
if [ -f "$set_file" ]; then
  echo "== speed: chorus batch --plain -w 300 $(basename "$set_file"), CPU time (user+sys), best of 5"
  python3 - "$chorus" "$set_file" <<'PY'
import resource, subprocess, sys
chorus, path = sys.argv[1], sys.argv[2]
def cpu(extra):
    best = None
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([chorus, "batch", "--plain", "-w", "300", *extra, path],
                       stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = t if best is None else min(best, t)
    return best
without, with_ = cpu(["--no-analyses"]), cpu([])
print(f"without analyses {without:.3f} s, with quotes and entities {with_:.3f} s, ratio {with_ / without:.2f}")
PY
else
  echo "== speed: no data at $set_file: skipped"
fi

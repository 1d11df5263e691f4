#!/usr/bin/env bash
# Sentence boundaries and segmentation speed: chorus beside ICU's sentence
# break iterator (locales "en" and "en@ss=standard"), same data, same run.
#
#   bench/sbd.sh [BUILD_DIR]        (default: build, from `cmake --preset default`)
#
# Accuracy: bench/sbd_score.py on ../shared/data/sbd (Golden Rules,
# pragmatic_segmenter spec, UD English GUM and EWT dev). Speed: a corpus of
# the development stories (../shared/data/summarization) concatenated and
# repeated to at least 20 MB, timed as one text and story by story; chorus
# runs its segment stage (sentences, tokens, term interning with stemming;
# per story with one lexicon shared by the stories, as `chorus batch` runs
# them, and with a lexicon of each story's own), ICU its sentence breaker
# (UTF-16 conversion included). Best of three runs.
# The ICU program is built here when libicu-dev is installed
# (apt-get install libicu-dev); without it the ICU columns are skipped.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
data=${CHORUS_DATA:-$root/../shared/data}
tool=$build/bench/segment_tool
[ -x "$tool" ] || { echo "sbd.sh: build first: cmake --preset default && cmake --build --preset default" >&2; exit 2; }
[ -d "$data/sbd" ] || { echo "sbd.sh: no data at $data/sbd: skipped"; exit 0; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

icu=""
if pkg-config --exists icu-i18n 2>/dev/null; then
  icu=$work/icu_sbd
  cc -O2 -o "$icu" "$root/bench/icu_sbd.c" $(pkg-config --cflags --libs icu-i18n icu-uc)
else
  echo "sbd.sh: libicu-dev is not installed (apt-get install libicu-dev): ICU figures skipped"
fi

echo "== accuracy"
python3 "$root/bench/sbd_score.py" --data "$data" --label chorus -- "$tool" split
if [ -n "$icu" ]; then
  for locale in en en@ss=standard; do
    python3 "$root/bench/sbd_score.py" --data "$data" --label "icu:$locale" -- "$icu" split "$locale"
  done
fi

echo "== speed"
python3 "$root/bench/sbd_corpus.py" "$data" "$work/corpus"
best() { # best MB/s of three runs of a command printing "... mb_per_s X ..."
  local b=0 v
  for _ in 1 2 3; do
    v=$("$@" | sed -n 's/.*mb_per_s \([0-9.]*\).*/\1/p')
    b=$(python3 -c "print(max($b, $v))")
  done
  echo "$b"
}
printf '%-34s %12s %12s\n' "MB/s, one core" "one text" "per story"
printf '%-34s %12s %12s\n' "chorus segment stage" \
  "$(best "$tool" speed "$work/corpus.txt")" "$(best "$tool" speed "$work/corpus.records" --per-story)"
printf '%-34s %12s %12s\n' "chorus segment stage, own lexicons" \
  "-" "$(best "$tool" speed "$work/corpus.records" --per-story-alone)"
printf '%-34s %12s %12s\n' "chorus sentence splitter alone" \
  "$(best "$tool" speed "$work/corpus.txt" --split-only)" "-"
if [ -n "$icu" ]; then
  for locale in en en@ss=standard; do
    printf '%-34s %12s %12s\n' "ICU sentence breaker $locale" \
      "$(best "$icu" speed "$locale" "$work/corpus.txt")" \
      "$(best "$icu" speed "$locale" "$work/corpus.records" --per-story)"
  done
fi

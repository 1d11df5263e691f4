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
# (UTF-16 conversion included). The commands compared run in rounds, one
# after the other in each round (chorus, ICU en, ICU en@ss=standard), and
# each keeps its best of SBD_ROUNDS rounds (default 11): on a shared or
# virtual machine single runs vary by tens of percent, and what others run
# only ever slows a run down. The ratios of chorus to ICU are printed.
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
rounds=${SBD_ROUNDS:-11}
declare -A best
mb_per_s() { "$@" | sed -n 's/.*mb_per_s \([0-9.]*\).*/\1/p'; }
# compare LABEL=COMMAND...: runs each command once per round, in turn, and
# keeps each label's best MB/s in best[LABEL].
compare() {
  local r spec v
  for ((r = 0; r < rounds; r++)); do
    for spec in "$@"; do
      v=$(eval "mb_per_s ${spec#*=}")
      best[${spec%%=*}]=$(python3 -c "print(max(${best[${spec%%=*}]:-0}, $v))")
    done
  done
}
records=$work/corpus.records text=$work/corpus.txt
if [ -n "$icu" ]; then
  compare "story=$tool speed $records --per-story" \
    "story_en=$icu speed en $records --per-story" \
    "story_ss=$icu speed en@ss=standard $records --per-story"
  compare "text=$tool speed $text" "text_en=$icu speed en $text" \
    "text_ss=$icu speed en@ss=standard $text"
else
  compare "story=$tool speed $records --per-story" "text=$tool speed $text"
fi
compare "alone=$tool speed $records --per-story-alone" "split=$tool speed $text --split-only"

printf 'MB/s, one core, best of %s rounds   %12s %12s\n' "$rounds" "one text" "per story"
row() { printf '%-40s %12s %12s\n' "$1" "$2" "$3"; }
row "chorus segment stage" "${best[text]}" "${best[story]}"
row "chorus segment stage, own lexicons" "-" "${best[alone]}"
row "chorus sentence splitter alone" "${best[split]}" "-"
if [ -n "$icu" ]; then
  row "ICU sentence breaker en" "${best[text_en]}" "${best[story_en]}"
  row "ICU sentence breaker en@ss=standard" "${best[text_ss]}" "${best[story_ss]}"
  ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
  row "chorus / ICU en" "$(ratio "${best[text]}" "${best[text_en]}")" \
    "$(ratio "${best[story]}" "${best[story_en]}")"
  row "chorus / ICU en@ss=standard (issue: 8x)" "$(ratio "${best[text]}" "${best[text_ss]}")" \
    "$(ratio "${best[story]}" "${best[story_ss]}")"
fi

#!/usr/bin/env python3
"""Rewrites pair_start[] in src/segment_words.c from the word table above it.

pair_start[27 * f + s] is the index of the first table entry whose first
letter is f (0 for 'a') and whose second byte is s (0: the word ends, 1 to
26: 'a' to 'z'); the table is sorted in byte order, so each pair's words
follow one another. Run it after changing the table; the unit test
segment_words_sorted() fails until the index matches.

    scripts/gen_word_pairs.py [src/segment_words.c]
"""
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "src/segment_words.c"
source = open(path).read()
words = re.findall(r'\{"([a-z]+)", W_', source)
if words != sorted(words):
    sys.exit("gen_word_pairs.py: the table is not sorted")


def pair(word):
    second = 0 if len(word) < 2 else ord(word[1]) - ord("a") + 1
    return 27 * (ord(word[0]) - ord("a")) + second


starts, at = [], 0
for p in range(27 * 26):
    while at < len(words) and pair(words[at]) < p:
        at += 1
    starts.append(at)
starts.append(len(words))
rows = [", ".join("%3d" % v for v in starts[i:i + 27]) for i in range(0, len(starts), 27)]
body = ",\n    ".join(rows)
block = ("static const unsigned short pair_start[27 * 26 + 1] = {\n    " + body + "};")
new, count = re.subn(r"static const unsigned short pair_start\[27 \* 26 \+ 1\] = \{[^}]*\};",
                     block, source)
if count != 1:
    sys.exit("gen_word_pairs.py: no pair_start[] in " + path)
open(path, "w").write(new)

#!/usr/bin/env python3
"""Surface checks of summary readability on the summarization sets.

    bench/readability.py [CHORUS] [DATA]

Summarizes every story of DATA/summarization/*.jsonl with `chorus batch`
(coverage, each set's budget) and counts, per set, summary sentences that
  - open with a pronoun or demonstrative ("He", "This") as the first
    sentence of the summary: pointing back to nothing printed;
  - open so after a sentence of another article: chorus prints such a
    sentence right after the chosen sentence that repeats the one before
    it in its own article (counted apart, for review);
  - name someone by honorific and surname ("Mr. Lutz") before any
    earlier mention of that surname in the summary;
  - name a person of the entity layer by surname alone or with an
    honorific ("Lutz said", "Mr. Lutz") before the summary has named
    them in full ("Ana Lutz"), outside quotations (surnames of four
    letters or more that no other person of the story shares);
  - start with a lower-case letter or end without a closing mark.
Multi-News's text is lower-cased by its makers (names too), so its
lower-case and honorific counts measure the data as much as chorus.
Exit 77 when the data is absent.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
POINTING = {"he", "she", "it", "they", "his", "her", "its", "their", "them", "him", "this",
            "these", "those", "such"}
SETS = ["duc2003", "duc2007-update", "multiling2011-en", "multinews-val"]


def first_word(text):
    m = re.match(r"[A-Za-z']+", text)
    return m.group(0).lower() if m else ""


QUOTED = re.compile(r"``.*?''|\"[^\"]*\"|\u201c[^\u201d]*\u201d")


def people(entities):
    """(full name, surname) of each person the entity layer named in full,
    leaving out surnames two persons of the story share."""
    out = []
    for e in entities:
        words = e["name"].split()
        if (e["type"] == "PER" and len(words) >= 2 and all(w[:1].isupper() for w in words)
                and len(words[-1]) > 3):
            out.append((e["name"], words[-1]))
    shared = {sur for _, sur in out if sum(1 for _, x in out if x == sur) > 1}
    return [(full, sur) for full, sur in out if sur not in shared]


HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr)\.?$")


def bare_mentions(text, surname):
    """Positions where surname stands alone or after an honorific, not as the
    last word of a longer name."""
    found = []
    for m in re.finditer(r"(?<![\w/-])%s(?![\w/-])" % re.escape(surname), text):
        before = text[: m.start()].split()[-1:] or [""]
        after = text[m.end():].split()[:1] or [""]
        if (not before[0][:1].isupper() or HONORIFIC.match(before[0])) and not after[0][:1].isupper():
            found.append(m.start())
    return found


def surname_first(summary, persons):
    """Sentences naming a person by surname before the summary named them in full."""
    met, count = set(), 0
    for s in summary:
        text = QUOTED.sub(" ", s["text"])
        flagged = False
        for full, surname in persons:
            if full in met:
                continue
            at_full = text.find(full)
            bare = bare_mentions(text, surname)
            if bare and (at_full < 0 or bare[0] < at_full):
                flagged = True
            if at_full >= 0 or bare:
                met.add(full)
        count += flagged
    return count


def check(summary, counts, persons):
    counts["surname before full name"] += surname_first(summary, persons)
    for i, s in enumerate(summary):
        text = s["text"]
        counts["sentences"] += 1
        if first_word(text) in POINTING:
            if i == 0:
                counts["points back first"] += 1
            elif summary[i - 1]["article"] != s["article"]:
                counts["points back after another article"] += 1
        for m in re.finditer(r"\b(?:Mr|Mrs|Ms|Dr)\.? ([A-Z][a-z]+)", text):
            earlier = " ".join(x["text"] for x in summary[:i]) + text[: m.start()]
            if m.group(1) not in earlier:
                counts["honorific first mention"] += 1
                break
        counts["lower-case start"] += text[:1].islower()
        counts["no closing mark"] += not re.search(r"[.!?\"'\u201d\u2019)]\s*$", text)


def main():
    chorus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "chorus")
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "..", "shared", "data")
    folder = os.path.join(data, "summarization")
    if not os.path.isdir(folder):
        print("no summarization data at %s: skipped" % folder)
        return 77
    for name in SETS:
        path = os.path.join(folder, name + ".jsonl")
        with open(path) as f:
            budget = json.loads(f.readline())["budget_words"]
        run = subprocess.run([chorus, "batch", "-w", str(budget), path],
                             capture_output=True, text=True, check=True)
        counts = dict.fromkeys(["sentences", "points back first",
                                "points back after another article",
                                "honorific first mention", "surname before full name",
                                "lower-case start", "no closing mark"], 0)
        for line in run.stdout.splitlines():
            result = json.loads(line)
            check(result.get("summary", []), counts, people(result.get("entities", [])))
        print("%s: %s" % (name, ", ".join("%s %d" % kv for kv in counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

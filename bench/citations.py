#!/usr/bin/env python3
"""How well chorus's citations tell when two sentences report the same thing.

    bench/citations.py [CHORUS] [DATA]

A summary sentence cites every article that has a sentence saying the
same thing (support.c). This measures that judgement on the Microsoft
Research Paraphrase Corpus training pairs (DATA/neardup/msrp, 4076 pairs
of news sentences, 67.5% labelled paraphrase): each pair becomes a story
of two one-sentence articles, `chorus batch -n 1` summarizes every story
in one run, and the pair counts as "same content" when the summary
sentence cites both articles. Prints accuracy and precision, recall and
F1 on the paraphrase class, beside the majority baseline. Exit 77 (CTest:
skipped) when the data is absent.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    chorus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "chorus")
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "..", "shared", "data")
    path = os.path.join(data, "neardup", "msrp", "msr_paraphrase_train.txt")
    if not os.path.exists(path):
        print("no MSRP pairs at %s: skipped" % path)
        return 77
    pairs = []
    with open(path, encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 5:
                pairs.append((cols[0] == "1", cols[3], cols[4]))
    stories = [json.dumps({"id": str(i), "articles": [{"id": "a", "text": one},
                                                      {"id": "b", "text": two}]})
               for i, (_, one, two) in enumerate(pairs)]
    run = subprocess.run([chorus, "batch", "-n", "1"], input="\n".join(stories) + "\n",
                         capture_output=True, text=True, check=True)
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    unsummarized = 0
    for (same, _, _), line in zip(pairs, run.stdout.splitlines()):
        result = json.loads(line)
        summary = result.get("summary") or []
        unsummarized += not summary
        cited = bool(summary) and len(summary[0]["sources"]) == 2
        counts[("t" if cited == same else "f") + ("p" if cited else "n")] += 1
    n = len(pairs)
    precision = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    recall = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    majority = sum(same for same, _, _ in pairs) / n
    print("MSRP train: %d pairs, %d without a summary" % (n, unsummarized))
    print("accuracy %.3f (majority %.3f)" % ((counts["tp"] + counts["tn"]) / n, majority))
    print("paraphrase class: precision %.3f recall %.3f F1 %.3f" % (precision, recall, f1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

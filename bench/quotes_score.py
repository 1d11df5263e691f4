#!/usr/bin/env python3
"""Scores `chorus quotes` against PolNeAR (bench/README.md states the rule).

Usage: quotes_score.py CHORUS POLNEAR_SPLIT_DIR [-v]

For every article of the split (text/*.txt) it runs `chorus clean -f json`,
`chorus quotes -f json` and `chorus entities -f json` on that file alone,
maps chorus's byte spans in the clean text back to character offsets of the
.txt file, and compares them with the first annotator's attributions
(attributions/<article>_<annotator>.ann, the first by file name).

Gold direct quotes: Content spans whose text, or the two characters on
either side of it, holds a double quotation mark (" or curly double quotes).
A predicted quotation matches a gold Content span when, both trimmed of
quotation marks, punctuation and spaces, they overlap by at least half of
the shorter one. Recall: gold direct quotes matched by a prediction.
Precision: predictions that match any gold Content span. Speaker: for each
matched gold direct quote with a Source, the prediction that overlaps it
most is right when its speaker span overlaps the Source span, or a mention
of its speaker entity does.
"""
import json
import os
import re
import subprocess
import sys

QUOTE_MARKS = '"\u201c\u201d'
TRIM = set(' \t\n\r"\'\u201c\u201d\u2018\u2019.,;:!?()[]-\u2014\u2013\u00a0')


def read_ann(path):
    spans, events = {}, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("T") and "\t" in line:
            tid, info, *_ = line.split("\t")
            kind, rest = info.split(" ", 1)
            ranges = [tuple(map(int, r.split())) for r in rest.split(";")]
            spans[tid] = (kind, ranges)
        elif line.startswith("E") and "\t" in line:
            parts = dict(p.split(":", 1) for p in line.split("\t")[1].split() if ":" in p)
            events.append(parts)
    return spans, events


def trim(text, s, e):
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(text, p, g):
    p, g = trim(text, *p), trim(text, *g)
    shorter = min(p[1] - p[0], g[1] - g[0])
    return shorter > 0 and overlap(p, g) * 2 >= shorter


def squeeze(s):
    """s with every run of white space as one space, and each kept char's index."""
    out, idx, prev_space = [], [], False
    for i, c in enumerate(s):
        space = c.isspace() or c == "\u00a0"
        if space and prev_space:
            continue
        out.append(" " if space else c)
        idx.append(i)
        prev_space = space
    return "".join(out), idx


def clean_to_raw(raw, clean):
    """A map from character offsets of the clean text to those of the raw text."""
    rs, ridx = squeeze(raw)
    cmap = [None] * (len(clean) + 1)
    pos = 0
    start = 0
    for para in clean.split("\n\n"):
        ps, pidx = squeeze(para)
        at = rs.find(ps, pos) if ps else -1
        if at >= 0:
            for k in range(len(ps)):
                cmap[start + pidx[k]] = ridx[at + k]
            cmap[start + len(para)] = ridx[at + len(ps) - 1] + 1
            pos = at + len(ps)
        start += len(para) + 2
    return cmap


def run_json(chorus, *args):
    out = subprocess.run([chorus, *args], capture_output=True, check=True).stdout
    return json.loads(out)


def char_span(clean_bytes, cmap, start, end):
    s = len(clean_bytes[:start].decode("utf-8", "replace"))
    e = len(clean_bytes[:end].decode("utf-8", "replace"))
    while s < e and cmap[s] is None:
        s += 1
    while e > s and cmap[e] is None and (e == 0 or cmap[e - 1] is None):
        e -= 1
    if s >= e:
        return None
    rs = cmap[s]
    re_ = cmap[e] if cmap[e] is not None else (cmap[e - 1] + 1 if cmap[e - 1] is not None else None)
    return (rs, re_) if rs is not None and re_ is not None and re_ > rs else None


def score_article(chorus, txt, ann, verbose):
    raw = open(txt, encoding="utf-8").read()
    spans, events = read_ann(ann)
    clean = run_json(chorus, "clean", "-f", "json", txt)["articles"][0]["text"]
    cbytes = clean.encode("utf-8")
    cmap = clean_to_raw(raw, clean)
    quotes = run_json(chorus, "quotes", "-f", "json", txt)["quotes"]
    ents = {}
    for i, e in enumerate(run_json(chorus, "entities", "-f", "json", txt)["entities"]):
        ents["e%d" % (i + 1)] = [char_span(cbytes, cmap, m["start"], m["end"]) for m in e["mentions"]]
    preds = []
    for q in quotes:
        for m in q["mentions"]:
            sp = char_span(cbytes, cmap, m["start"], m["end"])
            if not sp:
                continue
            spk = char_span(cbytes, cmap, m["speaker_start"], m["speaker_end"]) if m["speaker_end"] > m["speaker_start"] else None
            preds.append((sp, spk, m["entity"], m["text"], m["speaker"]))
    contents = {tid: r for tid, (k, r) in spans.items() if k == "Content"}
    source_of = {}
    for ev in events:
        if "Content" in ev and "Source" in ev and ev["Source"] in spans:
            source_of[ev["Content"]] = spans[ev["Source"]][1]
    gold_all = [(tid, (r[0][0], r[-1][1])) for tid, r in contents.items()]
    direct = []
    for tid, (s, e) in gold_all:
        around = raw[max(0, s - 2):min(len(raw), e + 2)]
        if any(c in around for c in QUOTE_MARKS):
            direct.append((tid, (s, e)))
    correct_p = sum(1 for p in preds if any(matches(raw, p[0], g) for _, g in gold_all))
    found = 0
    spk_total = spk_right = 0
    for tid, g in direct:
        cands = [p for p in preds if matches(raw, p[0], g)]
        if not cands:
            if verbose:
                print("MISS", os.path.basename(txt), repr(raw[g[0]:g[1]][:90]))
            continue
        found += 1
        if tid not in source_of:
            continue
        best = max(cands, key=lambda p: overlap(p[0], g))
        src = source_of[tid]
        right = False
        if best[1] and any(overlap(best[1], r) > 0 for r in src):
            right = True
        if not right and best[2] and any(m and overlap(m, r) > 0 for m in ents.get(best[2], []) for r in src):
            right = True
        spk_total += 1
        spk_right += right
        if verbose and not right:
            print("SPEAKER", os.path.basename(txt), repr(best[4]), "gold",
                  repr(" ".join(raw[a:b] for a, b in src)), "|", best[3][:60])
    if verbose:
        for p in preds:
            if not any(matches(raw, p[0], g) for _, g in gold_all):
                print("EXTRA", os.path.basename(txt), repr(p[3][:90]), "by", repr(p[4]))
    return len(preds), correct_p, len(direct), found, spk_total, spk_right


def main():
    chorus, split = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv
    texts = sorted(f for f in os.listdir(os.path.join(split, "text")) if f.endswith(".txt"))
    anns = sorted(os.listdir(os.path.join(split, "attributions")))
    tot = [0] * 6
    articles = 0
    for t in texts:
        stem = t[:-4]
        mine = [a for a in anns if a.startswith(stem + "_")]
        if not mine:
            continue
        r = score_article(chorus, os.path.join(split, "text", t),
                          os.path.join(split, "attributions", mine[0]), verbose)
        tot = [a + b for a, b in zip(tot, r)]
        articles += 1
    npred, okp, ngold, found, spk_total, spk_right = tot
    p = okp / npred if npred else 0
    r = found / ngold if ngold else 0
    f = 2 * p * r / (p + r) if p + r else 0
    acc = spk_right / spk_total if spk_total else 0
    print(f"articles {articles}  predicted {npred}  gold direct {ngold}")
    print(f"content P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    print(f"speaker accuracy {acc:.4f} ({spk_right}/{spk_total} matched quotes with a gold source)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""sbd_score.py — scores a sentence splitter on ../shared/data/sbd.

The splitter is a program speaking the segment_tool protocol: records
"<byte count>\\n<bytes>" on stdin, one line of "start end ..." byte spans per
record on stdout. Paragraphs of a record are separated by blank lines.

Figures (bench/README.md states the protocol):
  golden     pySBD's 48 Golden Rules: a rule passes when the stripped
             sentences equal the expected list exactly
  pragmatic  pragmatic_segmenter's English spec; cases whose expected
             sentences are all substrings of the input are scored strictly,
             the others (which expect the text rewritten) are reported apart
  gum, ewt   UD English dev sets: each document rebuilt from its "# text"
             lines, a blank line at each "# newpar" and one space otherwise;
             precision, recall and F1 of sentence-end offsets counted over
             non-space bytes, the document-final end included

Usage: sbd_score.py --data DIR [--check] [--show N] [--only SET] -- SPLITTER ARGS...
With --check, exits 1 when a figure is below the thresholds of issue 9.
"""
import argparse
import json
import os
import subprocess
import sys

THRESHOLDS = {"golden": 47, "pragmatic": 0.95, "gum": 0.97, "ewt": 0.92}


def run_splitter(cmd, texts):
    """Spans of every text, as lists of (start, end) byte offsets."""
    payload = bytearray()
    encoded = [t.encode("utf-8") for t in texts]
    for b in encoded:
        payload += b"%d\n" % len(b)
        payload += b
    out = subprocess.run(cmd, input=bytes(payload), stdout=subprocess.PIPE, check=True).stdout
    lines = out.decode("ascii").split("\n")
    result = []
    for i, b in enumerate(encoded):
        nums = [int(x) for x in lines[i].split()]
        result.append((b, list(zip(nums[0::2], nums[1::2]))))
    return result


def sentences_of(texts, cmd):
    return [[b[s:e].decode("utf-8", "replace").strip() for s, e in spans]
            for b, spans in run_splitter(cmd, texts)]


def score_cases(cases, cmd, show, label):
    got = sentences_of([c["text"] for c in cases], cmd)
    passed = 0
    failures = []
    for case, sents in zip(cases, got):
        want = [s.strip() for s in case["sentences"]]
        if sents == want:
            passed += 1
        else:
            failures.append((case.get("name", case.get("id")), case["text"], want, sents))
    for name, text, want, sents in failures[:show]:
        print(f"  FAIL {label} {name}\n    text: {text[:300]!r}\n    want: {want}\n    got:  {sents}")
    return passed, failures


def ud_documents(path):
    docs = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("# newdoc"):
            docs.append([])
        elif line.startswith("# newpar"):
            if docs and docs[-1]:
                docs[-1].append(None)
        elif line.startswith("# text = "):
            if not docs:
                docs.append([])
            docs[-1].append(line[len("# text = "):].rstrip("\n"))
    return docs


def rebuild(doc):
    """The document text and its gold sentence-end offsets (non-space bytes)."""
    parts, ends, count, sep = [], set(), 0, ""
    for t in doc:
        if t is None:
            sep = "\n\n"
            continue
        parts.append(sep + t)
        sep = " "
        count += sum(1 for ch in t.encode("utf-8") if not chr(ch).isspace())
        ends.add(count)
    return "".join(parts), ends


def nonspace_ends(b, spans):
    ends, count, pos = set(), 0, 0
    for s, e in spans:
        count += sum(1 for ch in b[pos:e] if not chr(ch).isspace())
        pos = e
        ends.add(count)
    return ends


def score_ud(path, cmd, show, label):
    docs = [d for d in ud_documents(path) if any(t is not None for t in d)]
    built = [rebuild(d) for d in docs]
    results = run_splitter(cmd, [t for t, _ in built])
    tp = fp = fn = 0
    shown = 0
    for (text, gold), (b, spans) in zip(built, results):
        pred = nonspace_ends(b, spans)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if shown < show:
            shown += show_ud_errors(b, spans, gold, pred, label, show - shown)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def show_ud_errors(b, spans, gold, pred, label, limit):
    # offsets of every non-space count, to print context
    where, count = {}, 0
    for i, ch in enumerate(b):
        if not chr(ch).isspace():
            count += 1
            where[count] = i + 1
    n = 0
    for kind, errs in (("missed", sorted(gold - pred)), ("extra", sorted(pred - gold))):
        for c in errs:
            if n >= limit:
                return n
            i = where.get(c, len(b))
            ctx = b[max(0, i - 60):i].decode("utf-8", "replace") + " ‖ " + \
                b[i:i + 40].decode("utf-8", "replace")
            print(f"  {label} {kind}: {ctx!r}")
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--only", default="")
    ap.add_argument("--label", default="splitter")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    sbd = os.path.join(a.data, "sbd")
    ok = True
    only = set(a.only.split(",")) if a.only else None

    if not only or "golden" in only:
        golden = json.load(open(os.path.join(sbd, "pysbd_golden_rules_en.json"), encoding="utf-8"))
        passed, _ = score_cases(golden, cmd, a.show, "golden")
        print(f"{a.label} golden_rules {passed}/{len(golden)}")
        ok &= passed >= THRESHOLDS["golden"]

    if not only or "pragmatic" in only:
        spec = json.load(open(os.path.join(sbd, "pragmatic_segmenter_english_spec.json"),
                              encoding="utf-8"))
        strict = [c for c in spec if all(s in c["text"] for s in c["sentences"])]
        rewrite = [c for c in spec if c not in strict]
        passed, _ = score_cases(strict, cmd, a.show, "pragmatic")
        rpassed, _ = score_cases(rewrite, cmd, 0, "pragmatic-rewrite")
        share = passed / len(strict)
        print(f"{a.label} pragmatic {passed}/{len(strict)} {share:.4f} "
              f"(rewrite-expecting cases apart: {rpassed}/{len(rewrite)})")
        ok &= share >= THRESHOLDS["pragmatic"]

    for name, rel in (("gum", "ud_english_gum/en_gum-ud-dev.conllu"),
                      ("ewt", "ud_english_ewt/en_ewt-ud-dev.conllu")):
        if only and name not in only:
            continue
        p, r, f, tp, fp, fn = score_ud(os.path.join(sbd, rel), cmd, a.show, name)
        print(f"{a.label} {name}_dev P {p:.4f} R {r:.4f} F1 {f:.4f} (tp {tp} fp {fp} fn {fn})")
        ok &= f >= THRESHOLDS[name]

    if a.check and not ok:
        print("below the thresholds of issue 9", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

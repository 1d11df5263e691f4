#!/usr/bin/env python3
"""Scores the entity spotter of `chorus entities` on CoNLL-2003 / CoNLL++.

Usage: ner_score.py CHORUS CONLL_FILE

Each document (between -DOCSTART- lines) becomes one story of one article
whose paragraphs are its sentences, rebuilt from the tokens joined by
single spaces. All documents go through one `chorus batch` run (and one
`chorus batch --clean` run for the clean texts, to map spans back to
tokens). A token takes the type of the name mention (role phrases left out)
that covers it; chunks are then compared as conlleval does: a predicted
entity is right when its type and both boundaries equal a gold entity's.
Tokens of lines the clean stage removed are predicted O (their count is
printed).
"""
import json
import subprocess
import sys
from collections import Counter


def read_docs(path):
    docs, sents, cur = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if cur:
                sents.append(cur)
                cur = []
            if sents:
                docs.append(sents)
            sents = []
        elif not line.strip():
            if cur:
                sents.append(cur)
                cur = []
        else:
            parts = line.split()
            cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    if sents:
        docs.append(sents)
    return docs


def chunks(tags):
    """(start, end, type) of IOB2 tags, conlleval style."""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        boundary = t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ)
        if start is not None and boundary:
            out.append((start, i, typ))
            start = typ = None
        if t != "O" and (start is None):
            start, typ = i, t[2:]
    return out


def squeeze(s):
    out, idx, prev = [], [], False
    for i, c in enumerate(s):
        sp = c.isspace()
        if sp and prev:
            continue
        out.append(" " if sp else c)
        idx.append(i)
        prev = sp
    return "".join(out), idx


def main():
    chorus, path = sys.argv[1], sys.argv[2]
    docs = read_docs(path)
    lines, texts, offsets = [], [], []
    for d, sents in enumerate(docs):
        parts, offs, pos = [], [], 0
        for sent in sents:
            o = []
            for tok, _ in sent:
                o.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            pos += 1  # "\n\n" instead of the last space
            parts.append(" ".join(t for t, _ in sent))
            offs.append(o)
        text = "\n\n".join(parts) + "\n"
        texts.append(text)
        offsets.append(offs)
        lines.append(json.dumps({"id": str(d), "articles": [{"id": "doc", "title": "-", "text": text}]}))
    data = "\n".join(lines) + "\n"
    full = subprocess.run([chorus, "batch"], input=data.encode(), capture_output=True, check=True).stdout
    clean = subprocess.run([chorus, "batch", "--clean"], input=data.encode(), capture_output=True, check=True).stdout
    per_type = {t: Counter() for t in ("PER", "ORG", "LOC", "MISC")}
    unmapped = 0
    for d, (res, cl) in enumerate(zip(full.decode().splitlines(), clean.decode().splitlines())):
        res, cl = json.loads(res), json.loads(cl)
        raw = texts[d]
        if "error" in res:
            ctext = ""
        else:
            ctext = cl["articles"][0]["text"]
        # map clean char offsets to raw offsets, paragraph by paragraph
        rs, ridx = squeeze(raw)
        cmap, pos, start = {}, 0, 0
        for para in ctext.split("\n\n"):
            ps, pidx = squeeze(para)
            at = rs.find(ps, pos) if ps else -1
            if at >= 0:
                for k in range(len(ps)):
                    cmap[start + pidx[k]] = ridx[at + k]
                pos = at + len(ps)
            start += len(para) + 2
        cbytes = ctext.encode()
        tags = {}
        for e in res.get("entities", []):
            for m in e["mentions"]:
                if m.get("role"):
                    continue
                s = len(cbytes[:m["start"]].decode("utf-8", "replace"))
                t = len(cbytes[:m["end"]].decode("utf-8", "replace"))
                if s not in cmap or (t - 1) not in cmap:
                    continue
                tags[(cmap[s], cmap[t - 1] + 1)] = e["type"]
        mapped_chars = set(cmap.values())
        for si, sent in enumerate(docs[d]):
            offs = offsets[d][si]
            pred = ["O"] * len(sent)
            for (a, b), typ in tags.items():
                inside = [i for i, (x, y) in enumerate(offs) if x >= a and y <= b]
                for n, i in enumerate(inside):
                    pred[i] = ("B-" if n == 0 else "I-") + typ
            unmapped += sum(1 for (x, _) in offs if x not in mapped_chars)
            gold = [t for _, t in sent]
            g, p = set(chunks(gold)), set(chunks(pred))
            for c in g:
                per_type[c[2]]["gold"] += 1
            for c in p:
                per_type[c[2]]["pred"] += 1
            for c in g & p:
                per_type[c[2]]["right"] += 1
    tot = Counter()
    print(f"{'type':6} {'P':>7} {'R':>7} {'F1':>7}  gold  pred")
    for t, c in list(per_type.items()) + [("all", None)]:
        if c is None:
            c = tot
        else:
            tot.update(c)
        p = c["right"] / c["pred"] if c["pred"] else 0
        r = c["right"] / c["gold"] if c["gold"] else 0
        f = 2 * p * r / (p + r) if p + r else 0
        print(f"{t:6} {p:7.4f} {r:7.4f} {f:7.4f}  {c['gold']:5} {c['pred']:5}")
    print(f"tokens on lines the clean stage removed: {unmapped}")


if __name__ == "__main__":
    main()

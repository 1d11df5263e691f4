#!/usr/bin/env python3
"""How far sentence choice alone can go on a summarization set.

    bench/sentence_bound.py [--chorus build/chorus] [--set multinews-val] [--limit N]

For every story of ../shared/data/summarization/SET.jsonl, takes chorus's
own sentences (`chorus sentences -f json`: complete sentences of five or
more words), orders them five ways, keeps them in that order until the
story's word budget is full, prints them in article order and scores the
five peer sets in one `chorus rouge --batch` run with the set's flags
(Multi-News: `-n 2 -m -l 300`, F1; DUC: `-n 2 -m -l 100`, recall):

  lead     position, round-robin over the articles
  share    share of the sentence's content words that another article also
           uses, then position
  oracle   share of its content words found in the references (knows the
           answer)
  greedy   the greedy ROUGE oracle: repeatedly the sentence that adds the
           most reference words not yet matched (clipped counts of all
           words, function words too) per word it costs (knows the answer:
           near the best any choice of whole sentences can do)
  fitted   a least-squares line from eight features a summarizer can see
           (share, the mean log count of its content words in the story,
           their mean article count, position, relative position, length,
           quotation, numbers) to the oracle's share, fitted on the other
           half of the stories (two folds): what those signals can tell

Content words: lower-cased runs of [a-z0-9-] outside ROUGE's SMART stop
list, with a crude suffix strip; the scoring itself is chorus rouge.
Prints "skipped" when ../shared/data is absent.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def words_of(text, stop):
    out = []
    for w in re.sub(r"[^a-z0-9-]", " ", text.lower()).split():
        for suffix in ("ing", "ed", "es", "s"):
            if len(w) > len(suffix) + 2 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        if w not in stop:
            out.append(w)
    return out


def story_sentences(chorus, story, scratch):
    paths = []
    for i, art in enumerate(story["articles"]):
        path = os.path.join(scratch, "%03d.txt" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(art.get("text", ""))
        paths.append(path)
    run = subprocess.run([chorus, "sentences", "-f", "json"] + paths, capture_output=True, text=True)
    if run.returncode != 0:
        return []
    out = []
    for a, art in enumerate(json.loads(run.stdout)["articles"]):
        for p, s in enumerate(art["sentences"]):
            if not s["fragment"] and s["words"] >= 5:
                out.append({"article": a, "position": p, "words": s["words"], "text": s["text"]})
    return out


def all_words(text):
    return re.sub(r"[^a-z0-9-]", " ", text.lower()).split()


def greedy_oracle(sentences, references, budget):
    """Sentences chosen by matched reference words gained per word."""
    want = {}
    for ref in references:
        counts = {}
        for w in all_words(ref):
            counts[w] = counts.get(w, 0) + 1
        for w, c in counts.items():
            want[w] = max(want.get(w, 0), c)
    words = [all_words(s["text"]) for s in sentences]
    have, chosen, used = {}, [], 0
    while True:
        best, best_gain = -1, 0.0
        for i, s in enumerate(sentences):
            if i in chosen or used + s["words"] > budget:
                continue
            extra, gain = {}, 0
            for w in words[i]:
                extra[w] = extra.get(w, 0) + 1
                if have.get(w, 0) + extra[w] <= want.get(w, 0):
                    gain += 1
            if gain / s["words"] > best_gain:
                best, best_gain = i, gain / s["words"]
        if best < 0:
            break
        chosen.append(best)
        used += sentences[best]["words"]
        for w in words[best]:
            have[w] = have.get(w, 0) + 1
    picked = sorted((sentences[i] for i in chosen), key=lambda s: (s["article"], s["position"]))
    return "\n".join(s["text"] for s in picked)


def choose(sentences, key, budget):
    chosen, used = [], 0
    for s in sorted(sentences, key=key):
        if used + s["words"] <= budget:
            chosen.append(s)
            used += s["words"]
    chosen.sort(key=lambda s: (s["article"], s["position"]))
    return "\n".join(s["text"] for s in chosen)


FEATURES = ("share", "tf", "df", "position", "relpos", "words", "quote", "digits")


def add_features(sentences, content, n_articles):
    df, tf, last = {}, {}, {}
    for s, words in zip(sentences, content):
        for w in words:
            tf[w] = tf.get(w, 0) + 1
            if last.get(w) != s["article"]:
                df[w], last[w] = df.get(w, 0) + 1, s["article"]
    length = {}
    for s in sentences:
        length[s["article"]] = max(length.get(s["article"], 0), s["position"] + 1)
    for s, words in zip(sentences, content):
        n = max(1, len(words))
        s["tf"] = sum(math.log(1 + tf[w]) for w in words) / n
        s["df"] = sum(df[w] for w in words) / n / max(1, n_articles)
        s["relpos"] = s["position"] / length[s["article"]]
        s["quote"] = float('"' in s["text"] or "``" in s["text"])
        s["digits"] = sum(any(c.isdigit() for c in w) for w in words) / n


def fit_line(stories):
    """Least squares from FEATURES (and a constant) to the oracle share."""
    k = len(FEATURES) + 1
    m = [[0.0] * (k + 1) for _ in range(k)]
    for sentences in stories:
        for s in sentences:
            v = [1.0] + [float(s[f]) for f in FEATURES]
            for i in range(k):
                m[i][k] += v[i] * s["oracle"]
                for j in range(k):
                    m[i][j] += v[i] * v[j]
    for c in range(k):  # Gauss-Jordan with partial pivoting
        p = max(range(c, k), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(k):
            if r != c and m[c][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][k] / m[i][i] if m[i][i] else 0.0 for i in range(k)]


def fitted_score(line, s):
    return line[0] + sum(w * float(s[f]) for w, f in zip(line[1:], FEATURES))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chorus", default=os.path.join(HERE, "..", "build", "chorus"))
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--set", default="multinews-val")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    path = os.path.join(args.data, "summarization", args.set + ".jsonl")
    if not os.path.exists(path):
        print("sentence_bound: %s not found: skipped" % path)
        return 0
    with open(os.path.join(args.data, "rouge", "smart_common_words.txt")) as f:
        stop = set(f.read().split())
    stories, budget = [], 100
    with open(path, encoding="utf-8") as f, tempfile.TemporaryDirectory() as scratch:
        for n, line in enumerate(f):
            if args.limit and n >= args.limit:
                break
            story = json.loads(line)
            budget = story.get("budget_words", 100)
            sentences = story_sentences(args.chorus, story, scratch)
            content = [words_of(s["text"], stop) for s in sentences]
            reference = set(words_of(" ".join(story["references"]), stop))
            for s, words in zip(sentences, content):
                others = set()
                for t, w in zip(sentences, content):
                    if t["article"] != s["article"]:
                        others.update(w)
                s["share"] = sum(w in others for w in words) / max(1, len(words))
                s["oracle"] = sum(w in reference for w in words) / max(1, len(words))
            add_features(sentences, content, len(story["articles"]))
            stories.append((story, sentences))
    lines = []
    folds = [fit_line([s for i, (_, s) in enumerate(stories) if i % 2 == k]) for k in (1, 0)]
    for n, (story, sentences) in enumerate(stories):
        line = folds[n % 2]
        peers = {
            "lead": choose(sentences, lambda s: (s["position"], s["article"]), budget),
            "share": choose(sentences, lambda s: (-s["share"], s["position"]), budget),
            "oracle": choose(sentences, lambda s: (-s["oracle"], s["position"]), budget),
            "greedy": greedy_oracle(sentences, story["references"], budget),
            "fitted": choose(sentences, lambda s: (-fitted_score(line, s), s["position"]), budget),
        }
        lines.append(json.dumps({"id": story["id"], "peers": peers,
                                 "models": story["references"]}))
    measure = "F" if budget > 250 else "R"
    flags = ["-n", "2", "-m", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5", "-t", "0",
             "-a", "-l", str(budget)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        batch = f.name
    run = subprocess.run([args.chorus, "rouge"] + flags + ["--batch", batch],
                         capture_output=True, text=True)
    os.unlink(batch)
    print("%s: %d stories, %d words, Average_%s" % (args.set, len(lines), budget, measure))
    for row in run.stdout.splitlines():
        if re.match(r"\S+ ROUGE-[12] Average_%s" % measure, row):
            print(row)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""sbd_corpus.py — the throughput corpus of bench/sbd.sh.

Concatenates the article texts of every development story in
DATA/summarization/*.jsonl (articles and stories separated by blank lines)
and repeats the whole until it holds at least MIN_BYTES. Writes OUT.txt (one
text) and OUT.records (the same stories as records "<byte count>\\n<bytes>",
one per story, for per-story runs).

Usage: sbd_corpus.py DATA OUT [MIN_BYTES]
"""
import glob
import json
import os
import sys


def main():
    data, out = sys.argv[1], sys.argv[2]
    min_bytes = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000_000
    stories = []
    for path in sorted(glob.glob(os.path.join(data, "summarization", "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            story = json.loads(line)
            texts = [a.get("text", "") for a in story.get("articles", []) if a.get("text")]
            if texts:
                stories.append("\n\n".join(texts).encode("utf-8"))
    one = b"\n\n".join(stories)
    if not one:
        sys.exit("no development stories under " + data)
    repeats = -(-min_bytes // len(one))
    with open(out + ".txt", "wb") as f:
        f.write(b"\n\n".join([one] * repeats))
    with open(out + ".records", "wb") as f:
        for _ in range(repeats):
            for s in stories:
                f.write(b"%d\n" % len(s))
                f.write(s)
    print(f"{len(stories)} stories, {len(one)} bytes, repeated {repeats} times")


if __name__ == "__main__":
    main()

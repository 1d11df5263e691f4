#!/usr/bin/env python3
"""Article extraction benchmark for `chorus clean` (bench/extract.sh runs it).

  extract.py pages DATA OUT.jsonl LIST one JSON line per page ({"id", "articles": [{"html"}]}),
                                       and LIST: "id<TAB>path" per page, same order
  extract.py baseline IN.jsonl OUT     python3-readability over the same pages (one process)
  extract.py score DATA CHORUS.jsonl BASELINE.jsonl TIMES.json [LIST]

Scoring rules (bench/README.md "Article extraction" repeats them):
- body: token 4-gram shingles (tokens = \\w+ runs), per-page precision, recall
  and F1 as multisets, macro-averaged over Readability's English pages: `lang`
  starts with "en" or is unset, and the expected text votes English (at least
  20% of its tokens are English function words);
- trafilatura_en: its snippet metric (TP: a `with` snippet in the text; FP: a
  `without` snippet in the text), P/R/F1 over all pages;
- goose3 content: the extracted text, whitespace collapsed, starts with the
  expected `cleaned_text`, whitespace collapsed;
- title: equal after whitespace collapsing and case folding, or the gold is our
  title followed by a site suffix (" | Site", " - Site", " – Site", " :: Site");
- byline: equal after dropping a leading "By", collapsing whitespace and case folding;
- date: the calendar day of the gold as the page states it (first 10 characters of
  the ISO value) equals ours; pages without a gold date count dates given anyway.
"""
import html
import html.parser
import json
import os
import re
import sys
import time
from collections import Counter

BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "pre", "dd", "dt", "figure", "figcaption", "header",
          "footer", "td", "th", "hr"}
SKIP = {"script", "style", "noscript", "template"}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup):
    p = _Text()
    p.feed(markup)
    p.close()
    lines = (" ".join(l.split()) for l in "".join(p.parts).split("\n"))
    return "\n".join(l for l in lines if l)


def collapse(s):
    return " ".join((s or "").split())


def readability_cases(data):
    root = os.path.join(data, "readability")
    for case in sorted(os.listdir(root)):
        d = os.path.join(root, case)
        if os.path.isfile(os.path.join(d, "source.html")):
            yield case, d


def goose_cases(data):
    cases = json.load(open(os.path.join(data, "goose3", "cases.json")))
    for c in cases:
        yield c


def all_pages(data):
    """(id, path) of every page, in a fixed order."""
    for case, d in readability_cases(data):
        yield "readability/" + case, os.path.join(d, "source.html")
    for c in goose_cases(data):
        yield "goose3/" + c["case"], os.path.join(data, "goose3", c["html"])
    ev = json.load(open(os.path.join(data, "trafilatura_en", "evaldata.json")))
    for url in sorted(ev):
        yield "trafilatura/" + ev[url]["file"], os.path.join(data, "trafilatura_en", "html", ev[url]["file"])


def cmd_pages(data, out, listing):
    total = 0
    with open(out, "w", encoding="utf-8") as f, open(listing, "w", encoding="utf-8") as lf:
        for pid, path in all_pages(data):
            lf.write("%s\t%s\n" % (pid, os.path.abspath(path)))
            raw = open(path, "rb").read()
            total += len(raw)
            text = raw.decode("utf-8", errors="replace")
            f.write(json.dumps({"id": pid, "articles": [{"id": pid, "html": text}]}) + "\n")
    print(total)


def cmd_baseline(inp, out):
    from readability import Document  # python3-readability (readability-lxml)
    pages = [json.loads(l) for l in open(inp, encoding="utf-8")]
    t0 = time.process_time()  # CPU time: the machine may be shared
    results = []
    for p in pages:
        doc = Document(p["articles"][0]["html"])
        try:
            results.append({"id": p["id"], "title": doc.short_title(), "html": doc.summary(html_partial=True)})
        except Exception as e:  # readability raises on some pages; count them as empty
            results.append({"id": p["id"], "title": "", "html": "", "error": str(e)})
    seconds = time.process_time() - t0
    with open(out, "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")
    print("%.6f" % seconds)


# ------------------------------------------------------------------ scoring

TOKEN = re.compile(r"\w+")
EN_FUNCTION = set("""the of and to a in is that for it as was with be by on not he i this are or his
from at which but have an they you were her she there been one all we their has would when if so
no will can more about what up out its who them than into only other some could these then do
our may any also how after such""".split())


def votes_english(text):
    toks = [t.lower() for t in TOKEN.findall(text)]
    return bool(toks) and sum(t in EN_FUNCTION for t in toks) / len(toks) >= 0.20


def shingles(text, n=4):
    toks = TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1)))


def prf(expected, got):
    e, g = shingles(expected), shingles(got)
    if not e and not g:
        return 1.0, 1.0, 1.0
    tp = sum((e & g).values())
    p = tp / sum(g.values()) if g else 0.0
    r = tp / sum(e.values()) if e else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def norm_title(s):
    return collapse(s).casefold()


def title_ok(gold, ours):
    g, o = norm_title(gold), norm_title(ours)
    if g == o:
        return True
    return bool(o) and g.startswith(o) and any(g[len(o):].startswith(sep) for sep in
                                               (" | ", " - ", " – ", " — ", " :: ", " : "))


def norm_byline(s):
    s = collapse(s)
    s = re.sub(r"^by\s+", "", s, flags=re.I)
    return s.casefold()


def gold_day(value):
    if not value:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", value.strip())
    return m.group(1) if m else None


class Tally:
    def __init__(self):
        self.right = self.total = self.extra = self.no_text = 0

    def add(self, gold, ok, given, skipped=False):
        if gold:
            self.total += 1
            self.right += bool(ok)
            self.no_text += skipped
        elif given:
            self.extra += 1

    def text(self):
        acc = self.right / self.total if self.total else 0.0
        s = "%.3f (%d/%d; given without gold: %d)" % (acc, self.right, self.total, self.extra)
        if self.no_text:
            kept = self.total - self.no_text
            s += "; %d pages have no text (chorus skips them): %.3f (%d/%d) on the rest" % (
                self.no_text, self.right / kept if kept else 0.0, self.right, kept)
        return s


def load_chorus(path, listing=None):
    """chorus's JSON lines, by page id: the line's "id", or the page of the
    same position in the listing (chorus clean --each names no story)."""
    ids = [l.split("\t")[0] for l in open(listing, encoding="utf-8")] if listing else []
    out = {}
    for k, line in enumerate(open(path, encoding="utf-8")):
        r = json.loads(line)
        if ids:
            r["id"] = ids[k]
        arts = r.get("articles") or [{}]
        out[r.get("id")] = arts[0] if arts and arts[0] else {"skipped": True}
    return out


def load_baseline(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        out[r["id"]] = {"text": html_text(r["html"]), "title": r["title"]}
    return out


def macro(rows):
    n = len(rows)
    return tuple(sum(r[i] for r in rows) / n for i in range(3)) if n else (0, 0, 0)


def score_readability(data, ours, base, tallies, detail):
    rows_o, rows_b = [], []
    for case, d in readability_cases(data):
        meta = json.load(open(os.path.join(d, "expected-metadata.json")))
        expected = html_text(open(os.path.join(d, "expected.html"), encoding="utf-8").read())
        pid = "readability/" + case
        o = ours.get(pid, {})
        lang = meta.get("lang")
        if (lang is None or lang.lower().startswith("en")) and votes_english(expected):
            po = prf(expected, o.get("text", ""))
            rows_o.append(po)
            rows_b.append(prf(expected, base.get(pid, {}).get("text", "")))
            detail.append((po[2], pid))
        if meta.get("title") is not None:
            tallies["title"].add(True, title_ok(meta["title"], o.get("title", "")), True)
        tallies["byline"].add(meta.get("byline"), norm_byline(meta.get("byline") or "") ==
                              norm_byline(o.get("byline", "")), bool(o.get("byline")))
        day = gold_day(meta.get("publishedTime"))
        tallies["date"].add(day, day == o.get("date"), bool(o.get("date")), o.get("skipped", False))
        tallies["date_readability"].add(day, day == o.get("date"), bool(o.get("date")))
    return macro(rows_o), macro(rows_b), len(rows_o)


def score_trafilatura(data, ours, base, tallies):
    ev = json.load(open(os.path.join(data, "trafilatura_en", "evaldata.json")))
    counts = {"ours": [0, 0, 0], "base": [0, 0, 0]}  # tp fp fn
    for url in sorted(ev):
        e = ev[url]
        pid = "trafilatura/" + e["file"]
        o = ours.get(pid, {})
        for who, text in (("ours", o.get("text", "")), ("base", base.get(pid, {}).get("text", ""))):
            flat = collapse(text)
            c = counts[who]
            for s in e.get("with", []):
                if collapse(s) in flat:
                    c[0] += 1
                else:
                    c[2] += 1
            for s in e.get("without", []):
                c[1] += collapse(s) in flat
        day = gold_day(e.get("date"))
        tallies["date"].add(day, day == o.get("date"), bool(o.get("date")), o.get("skipped", False))
        if e.get("author"):
            tallies["byline"].add(True, norm_byline(e["author"]) == norm_byline(o.get("byline", "")), True)
        if e.get("title"):
            tallies["title"].add(True, title_ok(e["title"], o.get("title", "")), True)
    res = {}
    for who, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        res[who] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return res["ours"], res["base"]


def score_goose(data, ours, base, tallies):
    passed = {"ours": 0, "base": 0}
    total = 0
    for c in goose_cases(data):
        exp = json.load(open(os.path.join(data, "goose3", c["expected"]))).get("expected") or {}
        pid = "goose3/" + c["case"]
        o = ours.get(pid, {})
        if "cleaned_text" in c["fields"] and c["case"].startswith("content/"):
            total += 1
            want = collapse(exp.get("cleaned_text"))
            passed["ours"] += collapse(o.get("text", "")).startswith(want)
            passed["base"] += collapse(base.get(pid, {}).get("text", "")).startswith(want)
        if "title" in c["fields"] and exp.get("title"):
            tallies["title"].add(True, title_ok(exp["title"], o.get("title", "")), True)
        if "publish_date" in c["fields"]:
            day = gold_day(exp.get("publish_date"))
            tallies["date"].add(day, day == o.get("date"), bool(o.get("date")), o.get("skipped", False))
    return passed, total


def cmd_score(data, chorus_out, base_out, times_path, listing=None):
    ours, base = load_chorus(chorus_out, listing), load_baseline(base_out)
    times = json.load(open(times_path))
    tallies = {k: Tally() for k in ("title", "byline", "date", "date_readability")}
    detail = []
    body_o, body_b, n_en = score_readability(data, ours, base, tallies, detail)
    traf_o, traf_b = score_trafilatura(data, ours, base, tallies)
    goose, n_goose = score_goose(data, ours, base, tallies)
    pages, mb = times["pages"], times["bytes"] / 1e6
    co, py = times["chorus_seconds"], times["baseline_seconds"]
    print("pages: %d (%.1f MB of HTML)" % (pages, mb))
    print("%-34s %-24s %-24s" % ("measure", "chorus", "python3-readability"))
    row = lambda name, a, b: print("%-34s %-24s %-24s" % (name, a, b))
    fmt = lambda t: "%.3f/%.3f/%.3f" % t
    row("body P/R/F1 (readability en, %d)" % n_en, fmt(body_o), fmt(body_b))
    row("trafilatura_en snippets P/R/F1", fmt(traf_o), fmt(traf_b))
    row("goose3 content prefix (%d)" % n_goose, "%d" % goose["ours"], "%d" % goose["base"])
    row("pages/s", "%.1f" % (pages / co), "%.1f" % (pages / py))
    row("MB/s", "%.2f" % (mb / co), "%.3f" % (mb / py))
    print("throughput ratio chorus/python3-readability: %.1fx" % (py / co))
    print("title accuracy:  " + tallies["title"].text())
    print("byline accuracy: " + tallies["byline"].text())
    print("date accuracy:   " + tallies["date"].text())
    print("  of which readability pages: " + tallies["date_readability"].text())
    if os.environ.get("CHORUS_BENCH_DETAIL"):
        for f, pid in sorted(detail)[:25]:
            print("  low body F1 %.3f %s" % (f, pid))


def main(argv):
    if len(argv) >= 5 and argv[1] == "pages":
        cmd_pages(argv[2], argv[3], argv[4])
    elif len(argv) >= 3 and argv[1] == "baseline":
        cmd_baseline(argv[2], argv[3])
    elif len(argv) >= 6 and argv[1] == "score":
        cmd_score(argv[2], argv[3], argv[4], argv[5], argv[6] if len(argv) > 6 else None)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

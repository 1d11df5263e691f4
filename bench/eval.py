#!/usr/bin/env python3
"""Runs `chorus eval` on every development set of ../shared/data/summarization,
scores a lead baseline beside it in the same run, measures the scorer's speed,
and writes the results into bench/README.md between the markers
<!-- rouge-eval:begin --> and <!-- rouge-eval:end --> (other sections are kept).

usage: bench/eval.sh [--no-write]      (CHORUS=path/to/chorus, CHORUS_DATA=dir)
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CHORUS = os.environ.get('CHORUS', os.path.join(ROOT, 'build', 'chorus'))
DATA = os.environ.get('CHORUS_DATA', os.path.join(ROOT, '..', 'shared', 'data'))
SETS = [('duc2003', 'DUC 2003'), ('duc2007-update', 'DUC 2007 update'),
        ('multiling2011-en', 'MultiLing 2011 (en)'), ('multinews-val', 'Multi-News validation')]
BEGIN, END = '<!-- rouge-eval:begin -->', '<!-- rouge-eval:end -->'
ROW = re.compile(r'^(ROUGE-\S+)\s+(\S+) \((\S+) - (\S+)\)\s+(\S+) \((\S+) - (\S+)\)\s+'
                 r'(\S+) \((\S+) - (\S+)\)$')
AVG = re.compile(r'^(\S+) (ROUGE-\S+) Average_([RPF]): (\S+) \(\S+ (\S+) - (\S+)\)$')


def rel(path):
    return os.path.relpath(path, ROOT)


def stories(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def flags_for(budget):
    """chorus eval's default flags (cli/cmd_eval.c), written out."""
    n = 2 if budget > 250 else 4
    return '-n %d -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -l %d' % (n, budget)


def run(args):
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit('%s failed (%d): %s' % (' '.join(args), out.returncode, out.stderr))
    return out.stdout


def lead_text(story):
    """The first non-empty article, one paragraph per line."""
    for article in story['articles']:
        paragraphs = [' '.join(p.split()) for p in article.get('text', '').split('\n\n')]
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            return '\n'.join(paragraphs) + '\n'
    return ''


def score_batch(flags, evals):
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
        for e in evals:
            f.write(json.dumps(e) + '\n')
        path = f.name
    try:
        start = time.perf_counter()
        out = run([CHORUS, 'rouge'] + flags.split() + ['--batch', path])
        return out, time.perf_counter() - start
    finally:
        os.unlink(path)


def lead_scores(flags, data):
    evals = [{'id': s['id'], 'peers': {'lead': lead_text(s)}, 'models': s['references']}
             for s in data]
    out, _ = score_batch(flags, evals)
    scores = {}
    for line in out.splitlines():
        m = AVG.match(line)
        if m:
            scores.setdefault(m.group(2), {})[m.group(3)] = (m.group(4), m.group(5), m.group(6))
    return scores


def parse_methods(out):
    """The per-method blocks of `chorus eval`: {method: {measure: {R,P,F}}}
    and {method: time line}."""
    methods, times, current = {}, {}, None
    for line in out.splitlines():
        if line.startswith('method      ') and ' ' not in line[12:].strip():
            current = line[12:].strip()
            methods[current] = {}
            continue
        m = ROW.match(line)
        if m and current:
            g = m.groups()
            methods[current][g[0]] = {'R': g[1:4], 'P': g[4:7], 'F': g[7:10]}
        elif line.startswith('time') and current:
            times[current] = line[12:]
    return methods, times


def eval_set(name, title):
    path = os.path.join(DATA, 'summarization', name + '.jsonl')
    data = stories(path)
    budget = data[0].get('budget_words', 100)
    flags = flags_for(budget)
    out = run([CHORUS, 'eval', '--rouge', flags, path])
    methods, times = parse_methods(out)
    lead = lead_scores(flags, data)
    empty = next((l[12:] for l in out.splitlines() if l.startswith('empty')), '')
    refs = sorted({len(s['references']) for s in data})
    headline = 'F' if budget > 250 else 'R'
    cell = lambda t: '%s (%s–%s)' % t
    wanted = ['ROUGE-1', 'ROUGE-2', 'ROUGE-SU4', 'ROUGE-L']
    lines = ['### %s: `%s.jsonl`, %d stories, %s reference%s, %d words, headline %s' %
             (title, name, len(data), '/'.join(map(str, refs)), '' if refs == [1] else 's',
              budget, headline), '',
             'Command: `%s eval --rouge "%s" %s`' % (rel(CHORUS), flags, rel(path)), '',
             'Every method, Average_%s with 95%% intervals (same stories, same run):' % headline, '',
             '| method | %s | time per story |' % ' | '.join(wanted),
             '|---|%s---|' % ('---|' * len(wanted))]
    for method, rows in methods.items():
        lines.append('| %s | %s | %s |' % (
            method, ' | '.join(cell(rows[w][headline]) if w in rows else '' for w in wanted),
            times.get(method, '').split(' per story')[0]))
    lines.append('| first-article lead (`chorus rouge --batch`) | %s | |' % ' | '.join(
        cell(lead[w][headline]) if w in lead else '' for w in wanted))
    chorus = methods.get('coverage', {})
    lines += ['', '`coverage` (the default method) in full, beside the first-article lead:', '',
              '| measure | chorus R | chorus P | chorus F | lead R | lead P | lead F |',
              '|---|---|---|---|---|---|---|']
    for measure, row in chorus.items():
        lr = lead.get(measure, {})
        lines.append('| %s | %s | %s | %s | %s | %s | %s |' % (
            measure, *(cell(row[x]) for x in 'RPF'),
            *(cell(lr[x]) if x in lr else '' for x in 'RPF')))
    if empty:
        lines += ['', empty + '.']
    return lines


def speed_set():
    """50 evaluations with 4 references each: the 30 DUC 2007 update stories
    and the 9 DUC 2003 stories with the lead of their first article as peer,
    and 11 DUC 2007 stories again with the lead of their last article."""
    duc07 = stories(os.path.join(DATA, 'summarization', 'duc2007-update.jsonl'))
    duc03 = stories(os.path.join(DATA, 'summarization', 'duc2003.jsonl'))
    evals = [{'id': s['id'], 'peers': {'lead': lead_text(s)}, 'models': s['references']}
             for s in duc07 + duc03]
    for s in duc07[:11]:
        last = {'articles': list(reversed(s['articles']))}
        evals.append({'id': s['id'] + '-last', 'peers': {'lead': lead_text(last)},
                      'models': s['references']})
    return evals


def speed():
    evals = speed_set()
    assert len(evals) == 50 and all(len(e['models']) == 4 for e in evals)
    runs = [('DUC recall setting', flags_for(100)),
            ("NIST's DUC 2007 setting", '-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a'),
            ('NIST setting with jackknifing', '-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 '
                                              '-t 0 -a -j')]
    lines = ['| flags | evaluations | wall time, best of 5 |', '|---|---|---|']
    for title, flags in runs:
        best = min(score_batch(flags, evals)[1] for _ in range(5))
        n = 200 if flags.endswith('-j') else 50
        lines.append('| %s: `%s` | %d | %.3f s |' % (title, flags, n, best))
    return lines


def section():
    commit = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'],
                            capture_output=True, text=True).stdout.strip()
    today = datetime.date.today().isoformat()
    lines = [BEGIN, '## ROUGE: `chorus eval` on the development sets', '',
             'Written by `bench/eval.sh` on %s (commit %s; Debian 12, 2 cores, '
             '`cmake --preset default`).' % (today, commit), '',
             'Rules chosen for these figures:',
             '- Flags: the defaults of `chorus eval`. Up to 250 words, the DUC recall setting '
             '`-n 4 -m -c 95 -r 1000 -f A -p 0.5 -t 0 -a -l B` plus `-2 4 -u` and without `-x`, '
             'so that ROUGE-L and ROUGE-SU4 are in the table (adding measures never changes '
             'ROUGE-1..4); above 250 words the Multi-News setting `-n 2 -m -2 4 -u -l B`, '
             'headline F1. B is the set\'s `budget_words`.',
             '- One peer per story, scored against all of its references at once (`-f A`, no '
             'jackknife). Averages are ROUGE-1.5.5\'s bootstrap means with 95% intervals '
             '(in parentheses).',
             '- Baseline `lead`, scored in the same run with `chorus rouge --batch` and the same '
             'flags: the first non-empty article of the story, one paragraph per line, cut to '
             'the budget by `-l`.', '']
    for name, title in SETS:
        if os.path.exists(os.path.join(DATA, 'summarization', name + '.jsonl')):
            lines += eval_set(name, title) + ['']
    lines += ['### Scoring speed', '',
              '`%s rouge FLAGS --batch` on 50 evaluations with 4 references each (the 30 DUC '
              '2007 update stories and the 9 DUC 2003 stories with the lead of their first '
              'article as peer, and 11 DUC 2007 stories again with the lead of their last '
              'article; peers and references are cut by `-l` where the flags have it). '
              'ROUGE-1.5.5.pl is not installed here, so the time is absolute, not a ratio; '
              'it includes process start and reading the batch.' % rel(CHORUS), '']
    lines += speed() + ['', END]
    return '\n'.join(lines) + '\n'


def write_readme(text):
    path = os.path.join(HERE, 'README.md')
    old = open(path, encoding='utf-8').read() if os.path.exists(path) else '# chorus benchmarks\n'
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + text + old[old.index(END) + len(END) + 1:]
    else:
        new = old.rstrip('\n') + '\n\n' + text
    with open(path, 'w', encoding='utf-8') as f:
        f.write(new)


def main():
    if not os.path.isdir(os.path.join(DATA, 'summarization')):
        print('eval: %s not found; nothing to measure' % os.path.join(DATA, 'summarization'))
        return
    text = section()
    print(text, end='')
    if '--no-write' not in sys.argv[1:]:
        write_readme(text)


if __name__ == '__main__':
    main()

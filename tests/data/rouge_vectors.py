#!/usr/bin/env python3
"""Runs chorus rouge over every vector of vectors.jsonl and every token of
stems.tsv; prints the number that agree and exits 1 on any disagreement.

Vectors are grouped by flag set; each group is one `chorus rouge --batch`
run in which every vector is its own evaluation with its own peer id, so
each printed Average is that vector's score (a single evaluation's
bootstrap mean is the evaluation's score). Jackknife vectors run with -j
and -d: their per-eval lines and their bootstrap average are both checked.
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

LINE = re.compile(r'^(\S+) (ROUGE-\S+) Average_([RPF]): (\d\.\d{5}) ')
EVAL = re.compile(r'^(\S+) (ROUGE-\S+) Eval (\S+) R:(\S+) P:(\S+) F:(\S+)$')


def run(chorus, flags, lines, extra):
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
        for line in lines:
            f.write(json.dumps(line) + '\n')
        path = f.name
    try:
        out = subprocess.run([chorus, 'rouge'] + flags.split() + extra + ['--batch', path],
                             capture_output=True, text=True)
    finally:
        os.unlink(path)
    if out.returncode != 0:
        sys.exit('chorus rouge %s failed (%d): %s' % (flags, out.returncode, out.stderr))
    return out.stdout.splitlines()


def averages(lines):
    got = collections.defaultdict(dict)
    for line in lines:
        m = LINE.match(line)
        if m:
            got[m.group(1)].setdefault(m.group(2), {})[m.group(3)] = m.group(4)
    return got


def per_eval(lines):
    got = collections.defaultdict(dict)
    for line in lines:
        m = EVAL.match(line)
        if m:
            got[m.group(3)][m.group(2)] = {'R': m.group(4), 'P': m.group(5), 'F': m.group(6)}
    return got


def same(expected, got):
    if set(expected) != set(got or {}):
        return False
    return all('%.5f' % expected[k][x] == got[k].get(x) for k in expected for x in 'RPF')


def check_vectors(chorus, data):
    groups = collections.defaultdict(list)
    with open(os.path.join(data, 'vectors.jsonl'), encoding='utf-8') as f:
        for line in f:
            v = json.loads(line)
            groups[(v['flags'], bool(v.get('jackknife')))].append(v)
    passed = failed = 0
    for (flags, jk), vectors in sorted(groups.items()):
        batch = [{'id': v['id'], 'peers': {v['id']: v['peer']}, 'models': v['models']}
                 for v in vectors]
        out = run(chorus, flags, batch, ['-j', '-d'] if jk else [])
        got, evals = averages(out), per_eval(out)
        for v in vectors:
            ok = same(v['expected'], got.get(v['id']))
            for k, e in enumerate(v.get('expected_per_eval', [])):
                test = '%s.J%d.%s' % (v['id'], k + 1, v['id'])
                ok = ok and same(e['expected'], evals.get(test))
            if ok:
                passed += 1
            else:
                failed += 1
                print('FAIL %s (%s)\n  expected %s\n  got      %s' %
                      (v['id'], flags, json.dumps(v['expected']), json.dumps(got.get(v['id']))))
    print('rouge vectors: %d of %d pass' % (passed, passed + failed))
    return failed == 0


def check_stems(chorus, data):
    words, stems = [], []
    with open(os.path.join(data, 'stems.tsv'), encoding='utf-8') as f:
        for line in f:
            if not line.startswith('#'):
                token, stem, _ = line.rstrip('\n').split('\t')
                words.append(token)
                stems.append(stem)
    with tempfile.NamedTemporaryFile('w', delete=False) as f:
        f.write('\n'.join(words) + '\n')
        path = f.name
    try:
        out = subprocess.run([chorus, 'rouge', '-m', '--tokens', path], capture_output=True,
                             text=True, check=True).stdout.splitlines()
    finally:
        os.unlink(path)
    bad = [(w, s, o) for w, s, o in zip(words, stems, out) if s != o]
    if len(out) != len(words):
        bad.append(('<count>', len(words), len(out)))
    for w, s, o in bad[:20]:
        print('STEM %s: expected %s, got %s' % (w, s, o))
    print('rouge stems: %d of %d agree' % (len(words) - len(bad), len(words)))
    return not bad


def main():
    chorus, data = sys.argv[1], sys.argv[2]
    ok = check_stems(chorus, data)
    ok = check_vectors(chorus, data) and ok
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()

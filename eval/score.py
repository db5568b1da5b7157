#!/usr/bin/env python3
"""Score `annals export --json BOOK` against a truth TSV (columns line, heading, ce,
optional alt_ce and note): usage `score.py BIN BOOK TRUTH [-v]`. Entries are matched to
truth headings by line, in order within a line, pairing as many right years as the
order allows (so a missed optional heading does not shift the rest); -v lists every miss, wrong year and
false entry."""
import json, subprocess, sys, csv
binary, book, truth = sys.argv[1:4]
verbose = '-v' in sys.argv
d = json.loads(subprocess.run([binary, 'export', '--json', book], capture_output=True, check=True).stdout)
raw = open(book, 'rb').read()
text = raw.decode('utf-8')
b = text.encode('utf-8')
# line of byte offset
import bisect
nls = [i for i, c in enumerate(b) if c == 10]
def line_of(off): return bisect.bisect_left(nls, off) + 1
got = {}
for e in d['entries']:
    ln = line_of(e['start'])
    got.setdefault(ln, []).append(e)
rows = list(csv.DictReader(open(truth, encoding='utf-8'), delimiter='\t'))
truth_lines = {}
for r in rows: truth_lines.setdefault(int(r['line']), []).append(r)
sure = right = wrong = unknown = missed = optional_absent = 0
issues = []
false = []
def is_right(e, r):
    alt = (r.get('alt_ce') or '').strip()
    return bool(e['ce'] is not None and (int(e['ce']) == int(r['ce']) or (alt and int(e['ce']) == int(alt))))
def align(rs, es):
    """Pairs truth rows and entries of one line in order, as many right years as can be,
    then as many pairs: a missed optional heading no longer shifts the rest of the line."""
    best = [[None] * (len(es) + 1) for _ in range(len(rs) + 1)]
    for i in range(len(rs), -1, -1):
        for j in range(len(es), -1, -1):
            if i == len(rs) or j == len(es): best[i][j] = ((0, 0), None); continue
            pair = best[i + 1][j + 1][0]
            pair = (pair[0] + is_right(es[j], rs[i]), pair[1] + 1)
            options = [(pair, 'pair'), (best[i + 1][j][0], 'skip_truth'), (best[i][j + 1][0], 'skip_entry')]
            best[i][j] = max(options, key=lambda o: o[0])
    i = j = 0
    while i < len(rs) or j < len(es):
        step = best[i][j][1] if i < len(rs) and j < len(es) else ('skip_truth' if i < len(rs) else 'skip_entry')
        if step == 'pair': yield rs[i], es[j]; i += 1; j += 1
        elif step == 'skip_truth': yield rs[i], None; i += 1
        else: yield None, es[j]; j += 1
for ln in sorted(set(truth_lines) | set(got)):
    for r, e in align(truth_lines.get(ln, []), got.get(ln, [])):
        if r is None: false.append((ln, e)); continue
        if e is None:
            # A heading the truth marks optional (the layout allows either reading) is
            # not missed when no entry falls on it.
            if (r.get('note') or '').startswith('optional:'):
                optional_absent += 1; continue
            missed += 1; issues.append(f"MISS  {ln} {r['heading']} {r['ce']}"); continue
        if e['ce'] is None: unknown += 1; issues.append(f"NULL  {ln} {r['heading']} want {r['ce']} got {e['label']}")
        elif is_right(e, r): right += 1
        else:
            wrong += 1
            # Wrong and not marked doubtful: what a student would cite.
            sure += not e.get('doubts')
            mark = '' if e.get('doubts') else ' SURE'
            issues.append(f"WRONG {ln} {r['heading']} want {r['ce']} got {e['ce']} ({e['label']}){mark}")
for ln, e in false: issues.append(f"FALSE {ln} {e['label']} {e['ce']}")
n = len(rows) - optional_absent
print(f"{book.split('/')[-1]}: truth {n}  right {right} ({100*right/n:.1f}%)  wrong {wrong}  null {unknown}  missed {missed}  false {len(false)}  sure {sure}")
if verbose:
    for i in issues: print('  ', i)

#!/usr/bin/env python3
"""Score `annals export --json BOOK` against a truth TSV (columns line, heading, ce,
optional alt_ce and note): usage `score.py BIN BOOK TRUTH [-v]`. Entries are matched to
truth headings by line, in order within a line; -v lists every miss, wrong year and
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
for ln, rs in sorted(truth_lines.items()):
    es = got.get(ln, [])
    for i, r in enumerate(rs):
        if i >= len(es):
            # A heading the truth marks optional (the layout allows either reading) is
            # not missed when no entry falls on it.
            if (r.get('note') or '').startswith('optional:'):
                optional_absent += 1; continue
            missed += 1; issues.append(f"MISS  {ln} {r['heading']} {r['ce']}"); continue
        e = es[i]
        if e['ce'] is None: unknown += 1; issues.append(f"NULL  {ln} {r['heading']} want {r['ce']} got {e['label']}")
        elif int(e['ce']) == int(r['ce']) or (r.get('alt_ce') or '').strip() and int(e['ce']) == int(r['alt_ce']): right += 1
        else:
            wrong += 1
            # Wrong and not marked doubtful: what a student would cite.
            sure += not e.get('doubts')
            mark = '' if e.get('doubts') else ' SURE'
            issues.append(f"WRONG {ln} {r['heading']} want {r['ce']} got {e['ce']} ({e['label']}){mark}")
false = [(ln, e) for ln, es in got.items() for e in es if ln not in truth_lines]
for ln, e in sorted(false, key=lambda x: x[0]): issues.append(f"FALSE {ln} {e['label']} {e['ce']}")
n = len(rows) - optional_absent
print(f"{book.split('/')[-1]}: truth {n}  right {right} ({100*right/n:.1f}%)  wrong {wrong}  null {unknown}  missed {missed}  false {len(false)}  sure {sure}")
if verbose:
    for i in issues: print('  ', i)

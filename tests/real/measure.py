#!/usr/bin/env python3
"""Measure how well an archeck build reads real-page forms.

Runs the given archeck binary on the fixtures in tests/real/ (written for
this project in the forms of published pages, see docs/real-material.md),
reads its summary CSV and compares three facts with expected.tsv:

  type  doc_type (annual-report | work-plan | other), over all fixtures
  year  report_year, over the reports and work plans whose page states one
  date  published, over the fixtures whose page prints a publication date;
        dates found on pages that print none are counted separately

Usage:
  tests/real/measure.py BUILD/archeck [-r RULES.yaml] [--dir DIR] [-q]

This is a measurement, not a test: the exit status is 0 whenever the
binary ran (2 when it could not be run).  Not part of ctest.
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def read_expected(path):
    with open(path, encoding='utf-8') as f:
        rows = list(csv.DictReader(f, delimiter='\t'))
    for r in rows:
        r['report_year'] = int(r['report_year'] or 0)
        r['published'] = r['published'].strip()
    return rows


def run(binary, directory, rules):
    tmp = tempfile.mkdtemp(prefix='archeck-real-')
    summary = os.path.join(tmp, 'summary.csv')
    cmd = [binary, '--no-config', '-q', '-o', os.path.join(tmp, 'audit.csv'),
           '--summary', summary, '--fail-on', 'none']
    if rules:
        cmd += ['-r', rules]
    cmd.append(directory)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if not os.path.exists(summary):
        sys.stderr.write(p.stderr.decode('utf-8', 'replace'))
        sys.exit(f'measure: {binary} wrote no summary (exit {p.returncode})')
    got = {}
    with open(summary, encoding='utf-8-sig') as f:
        for r in csv.DictReader(f):
            got[os.path.basename(r['file'])] = r
    return got, p


def pct(a, b):
    return f'{a}/{b} = {100.0 * a / b:.1f}%' if b else '0/0'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('binary')
    ap.add_argument('-r', '--rules', help='rule set to pass to archeck')
    ap.add_argument('--dir', default=HERE, help='fixture directory (default: this one)')
    ap.add_argument('-q', '--quiet', action='store_true', help='figures only, no mismatch list')
    a = ap.parse_args()

    exp = read_expected(os.path.join(a.dir, 'expected.tsv'))
    got, _ = run(a.binary, a.dir, a.rules)

    miss = {'type': [], 'year': [], 'date': [], 'date_extra': [], 'absent': []}
    n_type = ok_type = n_year = ok_year = n_date = ok_date = n_nodate = 0
    confusion = Counter()
    for e in exp:
        f = e['file']
        g = got.get(f)
        if g is None:
            miss['absent'].append(f)
            g = {'doc_type': '(no row)', 'report_year': '', 'published': '', 'title': ''}
        gy = int(g['report_year']) if g.get('report_year', '').strip().isdigit() else 0
        gp = (g.get('published') or '').strip()
        gt = g['doc_type']

        n_type += 1
        confusion[(e['doc_type'], gt)] += 1
        if gt == e['doc_type']:
            ok_type += 1
        else:
            miss['type'].append((f, e['doc_type'], gt, e['form']))

        if e['doc_type'] in ('annual-report', 'work-plan') and e['report_year']:
            n_year += 1
            if gy == e['report_year']:
                ok_year += 1
            else:
                miss['year'].append((f, e['report_year'], gy, e['form']))

        if e['published']:
            n_date += 1
            if gp == e['published']:
                ok_date += 1
            else:
                miss['date'].append((f, e['published'], gp or '(none)', e['form']))
        else:
            n_nodate += 1
            if gp:
                miss['date_extra'].append((f, '(none)', gp, e['form']))

    print(f'fixtures: {len(exp)}   ({a.dir})')
    print(f'type  right: {pct(ok_type, n_type)}')
    print(f'year  right: {pct(ok_year, n_year)}   (reports and work plans that state a year)')
    print(f'date  right: {pct(ok_date, n_date)}   (pages that print a publication date)')
    print(f'date  found where none is printed: {len(miss["date_extra"])} of {n_nodate}')
    print('type confusion (expected -> got):')
    for (x, y), c in sorted(confusion.items()):
        print(f'  {x:13} -> {y:13} {c}')
    if a.quiet:
        return
    for key, head in (('type', 'TYPE'), ('year', 'YEAR'), ('date', 'DATE'),
                      ('date_extra', 'DATE (none printed)')):
        if miss[key]:
            print(f'\n{head} mismatches ({len(miss[key])}): file | expected | got | form')
            for f, x, y, form in miss[key]:
                print(f'  {f} | {x} | {y} | {form}')
    if miss['absent']:
        print('\nno summary row: ' + ', '.join(miss['absent']))


if __name__ == '__main__':
    main()

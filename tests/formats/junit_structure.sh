#!/bin/sh
# junit_structure.sh ARCHECK - JUnit XML for the samples must be well-formed
# and hold one testsuite per report and one testcase per enabled rule, with
# failures exactly where error findings are.
set -eu
archeck=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
set +e
"$archeck" -q --no-config --no-summary -f junit -o "$tmp/out.xml" \
  --report csv="$tmp/out.csv" samples
status=$?
set -e
[ "$status" -le 1 ] || { echo "archeck exited $status"; exit 1; }
/usr/bin/python3 - "$tmp/out.xml" "$tmp/out.csv" <<'PY'
import collections, csv, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")))
errors = collections.Counter((r["file"], r["rule"]) for r in rows if r["severity"] == "error")
suites = root.findall("testsuite")
problems = 0
def need(cond, what):
    global problems
    if not cond:
        print(what); problems += 1
need(root.tag == "testsuites", "root is testsuites")
import os
nsamples = len([f for f in os.listdir("samples") if f.endswith(".txt")])
need(len(suites) == nsamples, "one testsuite per sample (got %d of %d)" % (len(suites), nsamples))
for s in suites:
    cases = s.findall("testcase")
    names = [c.get("name") for c in cases]
    need(len(names) == len(set(names)), "%s: one testcase per rule" % s.get("name"))
    need(int(s.get("tests")) == len(cases), "%s: tests attribute" % s.get("name"))
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    need(int(s.get("failures")) == len(failed), "%s: failures attribute" % s.get("name"))
    want = sorted(r for (f, r) in errors if f == s.get("name"))
    need(sorted(failed) == want, "%s: failures %s, error findings %s" % (s.get("name"), failed, want))
print("%d testsuites, %d problems" % (len(suites), problems))
sys.exit(1 if problems else 0)
PY

#!/bin/sh
# same_findings.sh ARCHECK - the same report as .txt, .docx and .html must
# give the same findings (rule, severity, part, message, evidence), apart
# from line numbering (and the evidence of deadline findings: a page's
# date comes from its PubDate meta tag, not from its text).  The .docx carries its 一、/(一) labels as Word
# automatic numbering, so the samples whose defect is a numbering gap or
# duplicate (which automatic numbering cannot have) are compared as .html
# only.
set -eu
archeck=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for src in samples/*.txt; do
  name=$(basename "$src" .txt)
  python3 tests/formats/make_fixtures.py "$src" "$tmp/$name"
  cp "$src" "$tmp/$name/$name.txt"
  set +e
  "$archeck" -q --no-config --no-summary -f json -o "$tmp/$name/out.json" "$tmp/$name"
  status=$?
  set -e
  [ "$status" -le 1 ] || { echo "$name: archeck exited $status"; fail=1; continue; }
  python3 - "$tmp/$name/out.json" "$name" <<'PY' || fail=1
import collections, json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = collections.defaultdict(collections.Counter)
for r in rows:
    # One report in several formats is one batch of copies: the cross-file
    # duplicate check rightly fires and is not a per-format finding.
    # So do the checks across units (copy.*, plan.*): the HTML's unit is
    # its publisher meta tag (青禾区人民政府办公室), another unit to them.
    if r["rule"] == "file.duplicate" or r["rule"].split(".")[0] in ("copy", "plan"):
        continue
    ext = r["file"].rsplit(".", 1)[1]
    # A page's date comes from its PubDate meta tag, which has no place in
    # the text to quote.
    ev = "" if r["rule"].startswith("deadline.") else r["evidence"]
    by[ext][(r["rule"], r["severity"], r["section"], r["message"], ev)] += 1
name = sys.argv[2]
formats = ["html"] if name.startswith("numbering-") else ["docx", "html"]
ok = True
for ext in formats:
    if by[ext] != by["txt"]:
        ok = False
        print("%s.%s differs from %s.txt:" % (name, ext, name))
        for k in (by[ext] - by["txt"]):
            print("  only in %s: %s" % (ext, k))
        for k in (by["txt"] - by[ext]):
            print("  only in txt: %s" % (k,))
print("%s: %d findings, %s %s" % (name, sum(by["txt"].values()), "/".join(formats), "same" if ok else "DIFFERENT"))
sys.exit(0 if ok else 1)
PY
done
exit $fail

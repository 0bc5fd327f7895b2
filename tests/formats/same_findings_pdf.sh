#!/bin/sh
# same_findings_pdf.sh ARCHECK DIR - each report of samples/ as .txt, as .pdf
# (LibreOffice) and as .ofd (laid out by make_ofd.py), all made into DIR by
# make_samples.sh, gives the same findings: rule, severity and message.
# Line numbers differ (a PDF line is a paragraph, as in the .txt, but the
# text around may be cut differently).  Exits 77 (skip) when DIR was not
# made (no LibreOffice).
set -eu
archeck=$1
dir=$2
[ -f "$dir/stamp" ] || { echo "no PDF/OFD samples in $dir: skipped" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$dir"/*.txt "$dir"/*.pdf "$dir"/*.ofd "$tmp/"
set +e
"$archeck" -q --no-config --no-summary -f json -o "$tmp/out.json" "$tmp"
status=$?
set -e
[ "$status" -le 1 ] || { echo "archeck exited $status"; exit 1; }
python3 - "$tmp/out.json" "$tmp" <<'PY'
import collections, json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = collections.defaultdict(collections.Counter)
for r in rows:
    # The formats of one report in one batch are copies of each other: the
    # cross-file duplicate check rightly fires and is not per format.
    if r["rule"] == "file.duplicate":
        continue
    name, ext = os.path.basename(r["file"]).rsplit(".", 1)
    by[name, ext][(r["rule"], r["severity"], r["message"])] += 1
names = sorted(f[:-4] for f in os.listdir(sys.argv[2]) if f.endswith(".txt"))
ok = True
for name in names:
    txt = by[name, "txt"]
    for ext in ("pdf", "ofd"):
        if not os.path.exists(os.path.join(sys.argv[2], name + "." + ext)):
            ok = False
            print("%s.%s: missing" % (name, ext))
        other = by[name, ext]
        same = other == txt
        ok &= same
        print("%s.%s: %d findings, %s" % (name, ext, sum(other.values()),
                                        "same as .txt" if same else "DIFFERENT from .txt"))
        for k in other - txt:
            print("  only in %s: %s" % (ext, k))
        for k in txt - other:
            print("  only in txt: %s" % (k,))
# The two the brief names must be there, with something to compare.
for name in ("compliant", "year-mismatch"):
    if name not in names:
        ok = False
        print("%s: missing" % name)
if not by["year-mismatch", "pdf"]:
    ok = False
    print("year-mismatch.pdf: no findings")
sys.exit(0 if ok else 1)
PY

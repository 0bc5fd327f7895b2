#!/bin/sh
# non_utf8_names.sh ARCHECK - file names that are not UTF-8 (GBK, as in
# archives made on Chinese Windows) or hold control characters, made here
# in the build directory: every output (CSV, summary, JSON, JUnit, SARIF,
# text, github, the listing and the skipped-entry lines) stays valid and
# shows each bad byte as \xNN.  Exits 77 when the file system refuses
# such names.
set -u
archeck=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(pwd)
tmp=$(mktemp -d "$(dirname "$archeck")/non-utf8.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir in
# 法治.txt in GBK; a name with a control character (U+0001); a GBK
# directory holding an unreadable file.
gbk=$(printf 'in/\267\250\326\316.txt')
ctl=$(printf 'in/a\001b.txt')
cp "$src/samples/placeholder.txt" "$gbk" 2>/dev/null || exit 77
cp "$src/samples/placeholder.txt" "$ctl" || exit 77
mkdir "$(printf 'in/\267\250')" || exit 77
printf '\0\0\0' >"$(printf 'in/\267\250/x.docx')"
"$archeck" --no-config -r "$src/rules/annual-report.yaml" -o audit.csv \
  --summary summary.csv --report json=out.jsonl --report junit=out.xml \
  --report sarif=out.sarif --report text=out.txt --report github=out.gh \
  in >listing.out 2>listing.err
# 2: a file could not be read (the .docx), as it should.
[ $? -le 2 ] || { echo "archeck failed"; cat listing.err; exit 1; }
/usr/bin/python3 - <<'PY'
import json, sys
from lxml import etree
fail = 0
def bad(msg):
    global fail
    print(msg)
    fail = 1
def text(name, enc="utf-8"):
    try:
        return open(name, "rb").read().decode(enc)
    except UnicodeDecodeError as e:
        bad("%s is not UTF-8: %s" % (name, e))
        return ""
gbk, ctl = r"in/\xB7\xA8\xD6\xCE.txt", r"in/a\x01b.txt"
unreadable = r"in/\xB7\xA8/x.docx"
for name in ["audit.csv", "summary.csv", "out.txt", "out.gh", "listing.out", "listing.err"]:
    t = text(name, "utf-8-sig")
    if any(ord(c) < 32 and c not in "\r\n\t" for c in t):
        bad("%s holds a control character" % name)
    if name not in ("listing.err",) and gbk not in t:
        bad("%s does not show %s" % (name, gbk))
for name in ["audit.csv", "summary.csv"]:
    t = text(name, "utf-8-sig")
    for want in (ctl, unreadable):
        if want not in t:
            bad("%s does not show %s" % (name, want))
files = set()
for line in text("out.jsonl").splitlines():
    try:
        files.add(json.loads(line)["file"])
    except ValueError as e:
        bad("out.jsonl: invalid line: %s" % e)
for want in (gbk, ctl, unreadable):
    if want not in files:
        bad("out.jsonl: no finding of %s (%s)" % (want, sorted(files)))
try:
    suites = etree.parse("out.xml").getroot().findall("testsuite")
    names = {s.get("name") for s in suites}
    for want in (gbk, ctl, unreadable):
        if want not in names:
            bad("out.xml: no testsuite %s (%s)" % (want, sorted(names)))
except etree.XMLSyntaxError as e:
    bad("out.xml is not XML: %s" % e)
try:
    sarif = json.loads(text("out.sarif"))
    uris = {l["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] for l in r["locations"]}
    if "in/%5CxB7%5CxA8%5CxD6%5CxCE.txt" not in uris:
        bad("out.sarif: uris %s" % sorted(uris))
except (ValueError, KeyError) as e:
    bad("out.sarif: %s" % e)
sys.exit(fail)
PY

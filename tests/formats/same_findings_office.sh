#!/bin/sh
# same_findings_office.sh ARCHECK FIXDIR - every sample converted by
# LibreOffice to .doc, .odt and .rtf (office_fixtures.sh, cached in FIXDIR)
# gives the same findings (rule, severity, part, message, evidence) as the
# .txt, apart from line numbering; so does the .wps LibreOffice writes for
# compliant.txt.  LibreOffice reads a .txt as one paragraph per line, so the
# line numbers agree as well, and are compared too.  Exits 77 (skipped)
# when LibreOffice is missing.
set -eu
archeck=$1
fix=$2
status=0
sh tests/formats/office_fixtures.sh "$fix" || status=$?
[ "$status" -eq 0 ] || exit "$status"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for src in samples/*.txt; do
  name=$(basename "$src" .txt)
  mkdir -p "$tmp/$name"
  cp "$src" "$tmp/$name/$name.txt"
  for fmt in doc odt rtf; do
    cp "$fix/samples/$fmt/$name.$fmt" "$tmp/$name/"
  done
  [ "$name" = compliant ] && cp "$fix/samples/wps/compliant.wps" "$tmp/$name/"
  set +e
  "$archeck" -q --no-config --no-summary -f json -o "$tmp/$name/out.json" "$tmp/$name"
  code=$?
  set -e
  [ "$code" -le 1 ] || { echo "$name: archeck exited $code"; fail=1; continue; }
  python3 - "$tmp/$name/out.json" "$name" <<'PY' || fail=1
import collections, json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = collections.defaultdict(collections.Counter)
for r in rows:
    # The formats of one report in one batch are copies of each other: the
    # cross-file duplicate check rightly fires and is not per format.
    if r["rule"] == "file.duplicate":
        continue
    ext = r["file"].rsplit(".", 1)[1]
    by[ext][(r["rule"], r["severity"], r["section"], r["message"],
             r["evidence"], r.get("line"))] += 1
name = sys.argv[2]
formats = ["doc", "odt", "rtf"] + (["wps"] if name == "compliant" else [])
ok = True
for ext in formats:
    if by[ext] != by["txt"]:
        ok = False
        print("%s.%s differs from %s.txt:" % (name, ext, name))
        for k in (by[ext] - by["txt"]):
            print("  only in %s: %s" % (ext, k))
        for k in (by["txt"] - by[ext]):
            print("  only in txt: %s" % (k,))
print("%s: %d findings, %s %s" % (name, sum(by["txt"].values()),
                                   "/".join(formats), "same" if ok else "DIFFERENT"))
sys.exit(0 if ok else 1)
PY
done
exit $fail

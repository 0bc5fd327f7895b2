#!/bin/sh
# seeds_formats.sh ARCHECK CACHE - every real seed annual report (in
# ../shared/corpus/seeds beside the repository, when it is there) converted
# by LibreOffice to .pdf, .doc, .odt, .rtf and .docx gives the same rule
# findings as its .txt (evidence of deadline findings aside: a format's
# date may come from its metadata).  The conversions are cached in CACHE
# (the build directory), never in the repository: the seeds are real text.
set -u
archeck=$1
cache=$2
seeds=../shared/corpus/seeds
[ -d "$seeds" ] || { echo "no seeds at $seeds"; exit 77; }
command -v soffice >/dev/null 2>&1 || { echo "no LibreOffice"; exit 77; }
mkdir -p "$cache"
for s in "$seeds"/*.txt; do
  b=$(basename "$s" .txt)
  # 001 is a work plan, not an annual report.
  case $b in 001_*) continue ;; esac
  mkdir -p "$cache/$b"
  cmp -s "$s" "$cache/$b/$b.txt" || { cp "$s" "$cache/$b/$b.txt"; rm -f "$cache/$b/$b".[!t]*; }
  for fmt in pdf doc odt rtf docx; do
    [ -s "$cache/$b/$b.$fmt" ] && continue
    (cd "$cache/$b" && HOME="$cache" timeout 300 soffice --headless \
       --infilter="Text (encoded):UTF8,LF,," --convert-to "$fmt" "$b.txt" \
       >/dev/null 2>&1) || { echo "$b: LibreOffice could not make .$fmt"; exit 1; }
  done
done
"$archeck" --no-config -q --no-summary -f json -o "$cache/out.json" "$cache"
[ $? -le 1 ] || { echo "archeck failed"; exit 1; }
/usr/bin/python3 - "$cache/out.json" "$cache" <<'PY'
import collections, json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = collections.defaultdict(collections.Counter)
for r in rows:
    if r["rule"] == "file.duplicate":  # the formats are copies of each other
        continue
    d, ext = os.path.dirname(r["file"]), r["file"].rsplit(".", 1)[1]
    ev = "" if r["rule"].startswith("deadline.") else r["evidence"]
    by[d, ext][(r["rule"], r["severity"], r["section"], r["message"], ev)] += 1
bad = 0
for d in sorted({d for d, _ in by} | {os.path.join(sys.argv[2], x) for x in os.listdir(sys.argv[2]) if os.path.isdir(os.path.join(sys.argv[2], x))}):
    for ext in ("pdf", "doc", "odt", "rtf", "docx"):
        if by[d, ext] != by[d, "txt"]:
            bad = 1
            print("%s .%s differs from .txt:" % (os.path.basename(d), ext))
            for k in by[d, ext] - by[d, "txt"]:
                print("  only in .%s:" % ext, k)
            for k in by[d, "txt"] - by[d, ext]:
                print("  only in .txt:", k)
sys.exit(bad)
PY

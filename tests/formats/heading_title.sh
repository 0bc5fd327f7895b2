#!/bin/sh
# heading_title.sh ARCHECK - a .docx whose title is set in Word's Heading 1
# style: the title, unit and year are still read (before, the title became
# a section, and the year and deadline checks silently stopped), and a
# stale year in a part heading is still found.
set -u
archeck=$1
py=/usr/bin/python3
"$py" -c 'import docx' 2>/dev/null || { echo "python3-docx missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" - "$tmp/报告.docx" samples/year-mismatch.txt <<'PY' || exit 1
import sys, docx
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
d = docx.Document()
d.add_paragraph(lines[0], style="Heading 1")
for line in lines[1:]:
    d.add_paragraph(line)
d.save(sys.argv[1])
PY
fail=0
out=$("$archeck" --no-config --extract "$tmp/报告.docx")
for want in "标题：青禾区人民政府关于2025年度法治政府建设情况的报告" \
            "单位：青禾区人民政府" "报告年度：2025（标题）" \
            "next_year=heading"; do
  case $out in
    *"$want"*) ;;
    *) echo "missing: $want"; fail=1 ;;
  esac
done
"$archeck" --no-config -q -f json -o "$tmp/out.json" "$tmp/报告.docx"
grep -q '"rule":"year.mismatch"' "$tmp/out.json" ||
  { echo "the stale year in the plan heading was not found"; fail=1; }
grep -q 'deadline.unknown' "$tmp/out.json" &&
  { echo "the report year was lost"; fail=1; }
exit $fail

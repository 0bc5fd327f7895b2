#!/bin/sh
# xlsx_read.sh ARCHECK [libreoffice] - the workbook (-f xlsx) of a batch
# read back by openpyxl (xlsx_read.py): the samples, the hostile report,
# a report whose title, unit and file name start with = (formula
# injection), a file name that is not UTF-8, an unreadable file.  With
# "libreoffice": the workbook re-saved by LibreOffice Calc (headless) keeps
# its sheets, filters and links.  Exits 77 (skipped) without openpyxl or,
# for the second form, without soffice.
set -eu
archeck=$(realpath "$1")
mode=${2:-}
py=/usr/bin/python3
src=$(pwd)
$py -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl is not installed: skipped"; exit 77; }
if [ "$mode" = libreoffice ]; then
  command -v soffice >/dev/null 2>&1 || { echo "LibreOffice (soffice) is not installed: skipped"; exit 77; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/in"
cp samples/*.txt tests/fixtures/views/hostile.txt tests/fixtures/hostile/encrypted.docx "$tmp/in/"
sed '1s/^/=1+2/' samples/placeholder.txt \
  >"$tmp/in/=cmd|' -C calc'!A0.txt"
$py -c "import shutil, sys; shutil.copy('samples/sum-mismatch.txt', sys.argv[1].encode() + b'/bad\xff\xfename.txt')" "$tmp/in"
cd "$tmp"
set +e
"$archeck" --no-config -q -f xlsx -o review.xlsx --report json=findings.json \
  --summary summary.csv in 2>archeck.err
status=$?
set -e
[ "$status" -eq 2 ] || { echo "archeck exited $status, expected 2:"; cat archeck.err; exit 1; }
if [ "$mode" != libreoffice ]; then
  $py "$src/tests/views/xlsx_read.py" review.xlsx findings.json summary.csv
  # To standard output: the same workbook.
  set +e
  "$archeck" --no-config -q --no-summary -f xlsx -o - in >stdout.xlsx 2>/dev/null
  set -e
  $py "$src/tests/views/xlsx_read.py" stdout.xlsx findings.json summary.csv
  exit 0
fi
mkdir lo
HOME="$tmp" soffice --headless --norestore --convert-to xlsx --outdir lo review.xlsx \
  >lo.log 2>&1 || { cat lo.log; exit 1; }
$py "$src/tests/views/xlsx_read.py" lo/review.xlsx findings.json summary.csv --resaved

#!/bin/sh
# html_valid.sh ARCHECK - the review report (-f html) of the samples, the
# hostile report, the encoded and traditional fixtures and an unreadable
# file is valid HTML that loads nothing (html_valid.py); written to
# standard output it is the same file; without the texts (--report
# html=… of findings only is not possible from the CLI, so a batch of one
# unreadable file) it still opens.  Exits 77 (skipped) without html5lib.
set -eu
archeck=$1
py=/usr/bin/python3
$py -c 'import html5lib' 2>/dev/null || { echo "python3-html5lib is not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/in"
cp samples/*.txt tests/fixtures/*.txt tests/fixtures/views/hostile.txt \
  tests/fixtures/hostile/encrypted.docx "$tmp/in/"
n=$(ls "$tmp/in" | wc -l)
set +e
"$archeck" --no-config -q --no-summary -f html -o "$tmp/review.html" "$tmp/in" 2>/dev/null
status=$?
"$archeck" --no-config -q --no-summary -f html -o - "$tmp/in" >"$tmp/stdout.html" 2>/dev/null
set -e
[ "$status" -eq 2 ] || { echo "archeck exited $status, expected 2"; exit 1; }
$py tests/views/html_valid.py "$tmp/review.html" "$n"
cmp "$tmp/review.html" "$tmp/stdout.html" || { echo "-o - differs from the file"; exit 1; }

# One unreadable file: no text at all, the page is still valid.
set +e
"$archeck" --no-config -q --no-summary -f html -o "$tmp/one.html" \
  tests/fixtures/hostile/encrypted.docx 2>/dev/null
set -e
$py tests/views/html_valid.py "$tmp/one.html" 1

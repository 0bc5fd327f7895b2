#!/bin/sh
# make_corpus.sh - (re)makes the seed corpora of the reader targets from
# seed-src/report.txt (a short report written for the tests): the text in
# UTF-8, GB18030 and UTF-16LE, as .docx/.doc/.odt/.rtf/.html/.pdf by
# LibreOffice, as .ofd by make_ofd.py, plus the hostile fixtures of
# tests/fixtures/hostile.  The rules and config seeds are written by hand
# (corpus/rules, corpus/config).  Run from anywhere; needs soffice.
set -eu
cd "$(dirname "$0")"
src=seed-src/report.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in text docx html pdf ofd doc odt rtf; do mkdir -p corpus/$t; done
cp "$src" corpus/text/report.txt
iconv -f UTF-8 -t GB18030 "$src" >corpus/text/report-gb18030.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$src"; } >corpus/text/report-utf16le.txt
cp "$src" "$tmp/report.txt"
for fmt in docx doc odt rtf html pdf; do
  (cd "$tmp" && timeout 300 soffice -env:UserInstallation="file://$tmp/profile" \
    --headless --norestore --convert-to "$fmt" --outdir . report.txt >/dev/null 2>&1)
  cp "$tmp/report.$fmt" "corpus/$fmt/report.$fmt"
done
/usr/bin/python3 ../formats/make_ofd.py --from "$src" corpus/ofd/report.ofd
for f in ../fixtures/hostile/*; do
  case $f in
    *.docx) cp "$f" corpus/docx/ ;;
    *.doc) cp "$f" corpus/doc/ ;;
    *.odt) cp "$f" corpus/odt/ ;;
    *.rtf) cp "$f" corpus/rtf/ ;;
    *.html) cp "$f" corpus/html/ ;;
  esac
done

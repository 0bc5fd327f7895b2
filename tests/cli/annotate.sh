#!/bin/sh
# annotate.sh ARCHECK - --annotate DIR: annotated copies read back by other
# readers.  Word documents written by python-docx (runs cut inside the
# flagged text, an existing comment, tracked changes, a hyperlink, a tab,
# "&"), plain text (UTF-8, GBK, traditional) and a web page are checked
# with --annotate; tests/annotate/verify.py then reads every copy with lxml
# (one comment per finding, anchored on text holding the evidence; other
# zip entries byte-for-byte the original's; paragraphs, comments and
# tracked changes kept), re-checks the copies with archeck (same findings:
# the text is unchanged), and reads LibreOffice's own import of them (flat
# ODF from soffice --headless): every comment there, by archeck, anchored on
# the evidence.  A PDF export proves the copy opens without a repair.
# Names: an input's base name with .docx, -2 on a collision, never an
# input; the originals are not touched; no temporary file is left.
set -u
archeck=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
py=/usr/bin/python3
"$py" -c 'import docx, lxml' 2>/dev/null || { echo "python3-docx or python3-lxml missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
in=$tmp/in
mkdir -p "$in"
"$py" tests/annotate/make_docx.py "$in" tests/annotate/problems.txt \
  samples/numbering-gap.txt samples/missing-next-year.txt || exit 1
cp tests/annotate/problems.txt "$in/problems.txt"
cp tests/fixtures/gbk-sum-mismatch.txt tests/fixtures/traditional-ratio-mismatch.txt \
   tests/real/html-xxgk-2023.html "$in/"
# The same report as OFD, and as PDF, .odt, .doc and .rtf made by
# LibreOffice: each becomes a new .docx of the text as read.
"$py" tests/formats/make_ofd.py --from tests/annotate/problems.txt "$in/problems.ofd" || exit 1
office=0
if command -v soffice >/dev/null 2>&1; then
  office=1
  mkdir "$tmp/conv"
  cp tests/annotate/problems.txt "$tmp/conv/"
  for fmt in pdf odt doc rtf; do
    # A profile of its own: other LibreOffice processes may be running.
    timeout 300 soffice --headless -env:UserInstallation="file://$tmp/lo" \
      --convert-to $fmt --outdir "$in" "$tmp/conv/problems.txt" >/dev/null 2>&1
    [ -s "$in/problems.$fmt" ] || { echo "LibreOffice made no problems.$fmt"; fail=1; }
  done
fi
(cd "$in" && md5sum ./* >"$tmp/before.md5")

"$archeck" --no-config -f json -o "$tmp/findings.json" --annotate "$tmp/out" \
  "$in"/* >/dev/null 2>"$tmp/copies.txt"
status=$?
[ "$status" -eq 1 ] || { echo "exit status $status, expected 1"; cat "$tmp/copies.txt"; fail=1; }
(cd "$in" && md5sum -c --quiet "$tmp/before.md5") || { echo "an input was modified"; fail=1; }
ls -a "$tmp/out" | grep -q '\.tmp\.' && { echo "a temporary file was left"; fail=1; }
for name in problems.docx problems-2.docx tracked.docx numbering-gap.docx \
            missing-next-year.docx gbk-sum-mismatch.docx \
            traditional-ratio-mismatch.docx html-xxgk-2023.docx; do
  [ -f "$tmp/out/$name" ] || { echo "no copy $name"; fail=1; }
done
# Seven reports named problems.*: problems.docx, then -2 … -7 in path order.
for k in 2 3 4 5 6; do
  [ $office -eq 0 ] && [ $k -gt 3 ] && break
  [ -f "$tmp/out/problems-$k.docx" ] || { echo "no copy problems-$k.docx"; fail=1; }
done
n=$(ls "$tmp/out" | wc -l)
[ "$n" -eq $((9 + 4 * office)) ] || { echo "$n copies"; ls "$tmp/out"; fail=1; }
grep -q "；批注副本 $n 份：" "$tmp/copies.txt" || { echo "no summary of the copies"; cat "$tmp/copies.txt"; fail=1; }

"$archeck" --no-config -q -f json -o "$tmp/recheck.json" "$tmp/out"/*.docx
fodt=""
if [ $office -eq 1 ]; then
  timeout 300 soffice --headless -env:UserInstallation="file://$tmp/lo" \
    --convert-to fodt --outdir "$tmp/fodt" "$tmp/out"/*.docx >/dev/null 2>&1
  fodt="--fodt $tmp/fodt"
  timeout 300 soffice --headless -env:UserInstallation="file://$tmp/lo" \
    --convert-to pdf --outdir "$tmp/pdf" "$tmp/out/tracked.docx" >/dev/null 2>&1
  [ -s "$tmp/pdf/tracked.pdf" ] || { echo "LibreOffice could not convert a copy to PDF"; fail=1; }
else
  echo "soffice not installed: LibreOffice's reading of the copies not checked"
fi
# shellcheck disable=SC2086
"$py" tests/annotate/verify.py "$tmp/findings.json" "$tmp/copies.txt" $fodt \
  --recheck "$tmp/recheck.json" || fail=1

# Into the inputs' own directory: a copy never replaces an input.
cp "$in/tracked.docx" "$tmp/self.docx"
"$archeck" --no-config -q --annotate "$tmp" "$tmp/self.docx"
cmp -s "$in/tracked.docx" "$tmp/self.docx" || { echo "the input was overwritten"; fail=1; }
[ -f "$tmp/self-2.docx" ] || { echo "no self-2.docx beside the input"; fail=1; }
# A directory that cannot be made is an error (exit 2), the check still runs.
: >"$tmp/file"
"$archeck" --no-config -q --annotate "$tmp/file/sub" samples/placeholder.txt 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "无法创建批注副本目录" "$tmp/err" ||
  { echo "an impossible --annotate directory is not an error"; cat "$tmp/err"; fail=1; }
exit $fail

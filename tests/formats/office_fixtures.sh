#!/bin/sh
# office_fixtures.sh OUTDIR - real-program fixtures for the .doc, .odt and
# .rtf readers, made by LibreOffice from files of ours:
#   OUTDIR/samples/{doc,odt,rtf}/NAME.EXT  every samples/*.txt converted
#   OUTDIR/samples/wps/compliant.wps       what LibreOffice writes when asked
#                                          for .wps (Word 97 bytes: it has no
#                                          WPS writer)
#   OUTDIR/rich/rich.{docx,expected}       from make_office.py, and
#   OUTDIR/rich/rich.{doc,odt,rtf}         the .docx converted
# Cached: redone only when an input, a generator or LibreOffice changes.
# Safe to run from parallel tests (a lock).  Exits 77 (skipped) when
# soffice or python3 is missing.  Run from the source tree's root.
set -eu
out=$1
for tool in soffice python3 flock sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found: skipped"; exit 77; }
done
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9
version=$(soffice --version 2>/dev/null || echo unknown)
stamp=$( (cat samples/*.txt tests/formats/make_office.py "$0"; echo "$version") |
  sha256sum | cut -c1-64)
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ]; then
  exit 0
fi
rm -rf "$out/samples" "$out/rich" "$out/stamp"
mkdir -p "$out/samples" "$out/rich"
# A profile of our own: no user settings, no clash with a running office.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
lo() {
  HOME=$profile soffice -env:UserInstallation="file://$profile/lo" --headless \
    --norestore "$@" >"$profile/log" 2>&1 || { cat "$profile/log"; return 1; }
}
# The samples are UTF-8 with LF line ends: said explicitly, not guessed.
txt='Text (encoded):UTF8,LF,,'
python3 tests/formats/make_office.py "$out/rich"
for fmt in doc odt rtf; do
  lo --infilter="$txt" --convert-to "$fmt" --outdir "$out/samples/$fmt" samples/*.txt
  lo --convert-to "$fmt" --outdir "$out/rich" "$out/rich/rich.docx"
done
lo --infilter="$txt" --convert-to wps --outdir "$out/samples/wps" samples/compliant.txt
for src in samples/*.txt; do
  name=$(basename "$src" .txt)
  for fmt in doc odt rtf; do
    [ -s "$out/samples/$fmt/$name.$fmt" ] || { echo "LibreOffice wrote no $name.$fmt"; exit 1; }
  done
done
for f in rich/rich.doc rich/rich.odt rich/rich.rtf samples/wps/compliant.wps; do
  [ -s "$out/$f" ] || { echo "LibreOffice wrote no $f"; exit 1; }
done
echo "$stamp" >"$out/stamp"

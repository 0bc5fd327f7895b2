#!/bin/sh
# make_samples.sh OUT - every samples/*.txt also as OUT/NAME.pdf (made by
# LibreOffice) and OUT/NAME.ofd (make_ofd.py --from), for the tests that
# compare formats and read many files at once.  Cached: nothing is done
# when OUT/stamp matches the samples and the generators.  Exits 77 (skip)
# when LibreOffice is not installed.
set -eu
out=$1
command -v soffice >/dev/null 2>&1 || {
  echo "make_samples.sh: LibreOffice (soffice) is not installed" >&2
  exit 77
}
stamp=$(cat samples/*.txt tests/formats/make_ofd.py "$0" | sha256sum | cut -d' ' -f1)
[ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] && exit 0
parent=$(dirname "$out")
mkdir -p "$parent"
parent=$(cd "$parent" && pwd)
tmp=$(mktemp -d "$parent/samples.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp samples/*.txt "$tmp/"
# A profile of our own: another LibreOffice (a desktop one, another test)
# must not share it.
(cd "$tmp" && timeout 600 soffice -env:UserInstallation="file://$parent/lo-profile-samples" \
  --headless --norestore --convert-to pdf --outdir . ./*.txt >/dev/null 2>&1) || true
for f in "$tmp"/*.txt; do
  n=${f%.txt}
  [ -s "$n.pdf" ] || { echo "make_samples.sh: LibreOffice did not convert $(basename "$f")" >&2; exit 1; }
  python3 tests/formats/make_ofd.py --from "$f" "$n.ofd"
done
echo "$stamp" >"$tmp/stamp"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT

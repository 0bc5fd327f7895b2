#!/bin/sh
# parallel_readers.sh ARCHECK DIR - the PDFs and OFDs of DIR (made by
# make_samples.sh), checked with -j4 five times, give exactly what -j1
# gives: poppler and the OFD reader are safe with one document per thread.
# Exits 77 (skip) when DIR was not made (no LibreOffice).
set -eu
archeck=$1
dir=$2
[ -f "$dir/stamp" ] || { echo "no PDF/OFD samples in $dir: skipped" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
cp "$dir"/*.pdf "$dir"/*.ofd "$tmp/in/"
n=$(ls "$tmp/in" | wc -l)
[ "$n" -ge 20 ] || { echo "only $n files"; exit 1; }
run() {
  set +e
  "$archeck" -q --no-config --no-summary -j"$1" -f json -o "$2" "$tmp/in"
  status=$?
  set -e
  [ "$status" -le 1 ] || { echo "archeck -j$1 exited $status"; exit 1; }
}
run 1 "$tmp/one.json"
[ -s "$tmp/one.json" ] || { echo "no findings at all"; exit 1; }
for i in 1 2 3 4 5; do
  run 4 "$tmp/four.json"
  cmp -s "$tmp/one.json" "$tmp/four.json" || {
    echo "run $i with -j4 differs from -j1:"
    diff "$tmp/one.json" "$tmp/four.json" | head -20
    exit 1
  }
done
echo "$n files, -j4 five times: same as -j1"

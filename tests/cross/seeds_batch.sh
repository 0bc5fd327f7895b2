#!/bin/sh
# seeds_batch.sh ARCHECK EXPECTED - checks across reports on a batch made
# from the real seed reports (../shared/corpus/seeds, outside the
# repository; skipped, status 77, without them): the five seeds, seed 000
# copied under another unit's name (宝山 -> 青禾), and seed 003 turned into
# "last year's" report by shifting every year back by one, given with
# --previous.  The rows of the checks across reports (copy.*, plan.not-followed) of the audit must be exactly
# EXPECTED (paths relative to the batch folder): the copy in both reports,
# the recycled report, and nothing between the other seeds.
set -u
archeck=$1
expected=$2
seeds=${ARC_SEEDS:-../shared/corpus/seeds}
[ -f "$seeds/000_4f28ee6da608f1e8.txt" ] && [ -f "$seeds/003_62824dacc8b77a40.txt" ] || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/batch" "$tmp/prev"
cp "$seeds"/*.txt "$tmp/batch/"
sed 's/宝山/青禾/g' "$seeds/000_4f28ee6da608f1e8.txt" > "$tmp/batch/copied_to_qinghe.txt"
/usr/bin/python3 - "$seeds/003_62824dacc8b77a40.txt" "$tmp/prev/003_last_year.txt" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
s = re.sub(r'(20\d\d)(?=年|-)', lambda m: str(int(m.group(1)) - 1), s)
open(sys.argv[2], 'w', encoding='utf-8').write(s)
PY
for j in 1 2; do
  (cd "$tmp" && "$archeck" -q -j $j --no-config --no-summary -o audit$j.csv \
     --previous prev batch)
  grep -E ',(copy\.[a-z-]+|plan\.not-followed),' "$tmp/audit$j.csv" > "$tmp/cross$j.csv"
done
if ! cmp -s "$tmp/cross1.csv" "$tmp/cross2.csv"; then
  echo "-j1 and -j2 differ:"
  diff "$tmp/cross1.csv" "$tmp/cross2.csv"
  exit 1
fi
if ! diff -u "$expected" "$tmp/cross1.csv"; then
  echo "checks across reports on the seed batch differ from $expected"
  exit 1
fi

#!/bin/sh
# html_cross.sh ARCHECK ARTIFACTS - what the review report (-f html) shows
# of the checks across reports, as headless Chromium shows it: a batch of
# the cross-report fixtures (units copying a passage from each other, a
# unit's report with last year's plan, one with last year's report given
# by --previous).  The overview lists the report pairs and the plan
# follow-up per unit, each pair opens side by side with both texts and
# the shared text marked on both sides, each report view has its plan
# table (check_cross.py).  Screenshots of a pair view and of a plan table
# are left in ARTIFACTS.  Exits 77 (skipped) without Chromium.
set -eu
archeck=$(realpath "$1")
artifacts=$2
src=$(pwd)
chromium=/usr/bin/chromium
py=/usr/bin/python3
[ -x "$chromium" ] || { echo "chromium is not installed: skipped"; exit 77; }
mkdir -p "$artifacts"
artifacts=$(realpath "$artifacts")
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

# Relative paths, as a user runs it: the pages names them.
mkdir -p "$tmp/prev"
cp -r tests/fixtures/cross/units tests/fixtures/cross/plan \
  tests/fixtures/cross/year "$tmp/"
cp tests/fixtures/cross/prev/* "$tmp/prev/"
cd "$tmp"
set +e
"$archeck" --no-config -q -f html -o review.html --report json=findings.json \
  --previous prev units plan year 2>archeck.err
status=$?
set -e
# 1: findings (the copies, the stale year, the plan item not followed).
[ "$status" -eq 1 ] || { echo "archeck exited $status:"; cat archeck.err; exit 1; }
cp "$src/tests/views/harness_cross.html" harness.html

browse() { # URL ARGS...: one headless Chromium run with a fresh profile
  url=$1
  shift
  profile=$(mktemp -d "$tmp/profile.XXXXXX")
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --hide-scrollbars --user-data-dir="$profile" "$@" "$url" \
    2>>"$tmp/chromium.log"
}
browse "file://$tmp/harness.html" --allow-file-access-from-files --dump-dom \
  >harness.dom
$py "$src/tests/views/check_cross.py" harness.dom findings.json

# Screenshots: the pair of units (云溪县, 青禾区), the plan follow-up of 东湖镇.
index() { $py -c "import os, sys
f = sorted(os.path.join(d, n) for d in ('units', 'plan', 'year') for n in os.listdir(d))
print(next(i for i, p in enumerate(f) if sys.argv[1] in p))" "$1"; }
a=$(index 云溪县)
b=$(index 青禾区)
p=$(index 东湖镇2025)
browse "file://$tmp/review.html#c$a-r$b" --window-size=1400,900 \
  --screenshot="$artifacts/review-pair.png" >/dev/null
browse "file://$tmp/review.html#r$p" --window-size=1400,1400 \
  --screenshot="$artifacts/review-plan.png" >/dev/null
for png in review-pair review-plan; do
  [ -s "$artifacts/$png.png" ] || { echo "no screenshot $png.png"; exit 1; }
done
echo "screenshots: $artifacts/review-pair.png $artifacts/review-plan.png"

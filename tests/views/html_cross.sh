#!/bin/sh
# html_cross.sh ARCHECK ARTIFACTS - what the review report (-f html) shows
# of the checks across reports, as headless Chromium shows it: a batch of
# the cross-report fixtures (units copying a passage from each other, a
# unit's report with last year's plan, one with last year's report given
# by --previous).  The overview lists the report pairs and the plan
# follow-up per unit, each pair opens side by side with both texts and
# the shared text marked on both sides, each report view has its plan
# table (check_cross.py).  Then a batch of 121 reports: the overview puts
# 100 rows in its table at once and the rest on 显示更多, while sorting and
# filters work on every report.  Screenshots of a pair view and of a plan table
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

# More reports than the overview shows at once: 120 scoring 100 and, last
# in path order, one scoring 75 with an error.
mkdir many
i=0
while [ "$i" -lt 120 ]; do
  cp "$src/samples/compliant.txt" "many/a-$(printf %03d "$i").txt"
  i=$((i + 1))
done
cp "$src/samples/missing-next-year.txt" many/z-low.txt
mkdir many-page
"$archeck" --no-config -q -f html -o many-page/review.html many 2>/dev/null ||
  [ $? -eq 1 ] || { echo "archeck failed on many/"; exit 1; }
cp "$src/tests/views/harness_many.html" many-page/harness.html
browse "file://$tmp/many-page/harness.html" --allow-file-access-from-files \
  --dump-dom >many.dom
$py - many.dom <<'PY'
import html, json, re, sys
m = re.search(r'<pre id="out">(.*?)</pre>', open(sys.argv[1], encoding="utf-8").read(), re.S)
t = html.unescape(m.group(1)) if m else ""
if not t.startswith("{"):
    sys.exit("FAIL: the harness did not run: " + t[:2000])
rec = json.loads(t)
files = ["many/a-%03d.txt" % i for i in range(120)] + ["many/z-low.txt"]
bad = []
s = rec["start"]
if s["rows"] != files[:100] or s["count"] != "显示 121 / 121 份" or "还有 21 份" not in s["more"]:
    bad.append("start: %d rows, %r, %r" % (len(s["rows"]), s["count"], s["more"]))
a = rec["ascending"]
if len(a["rows"]) != 100 or a["rows"][0] != "many/z-low.txt":
    bad.append("sorted by score: %d rows, first %r" % (len(a["rows"]), a["rows"][:1]))
e = rec["errors"]
if e["rows"] != ["many/z-low.txt"] or e["count"] != "显示 1 / 121 份" or e["more"]:
    bad.append("errors only: %r %r %r" % (e["rows"], e["count"], e["more"]))
m = rec["more"]
if sorted(m["rows"]) != files or m["more"]:
    bad.append("after 显示更多: %d rows, %r" % (len(m["rows"]), m["more"]))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
echo "overview of 121 reports: 100 rows at once, sorting and filters over all"

for png in review-pair review-plan; do
  [ -s "$artifacts/$png.png" ] || { echo "no screenshot $png.png"; exit 1; }
done
echo "screenshots: $artifacts/review-pair.png $artifacts/review-plan.png"

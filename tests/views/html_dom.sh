#!/bin/sh
# html_dom.sh ARCHECK ARTIFACTS - the review report (-f html) as headless
# Chromium shows it: a batch of the samples, a hostile report (markup,
# </style>, quotes, javascript:, U+2028 in its text, title and file name)
# an unreadable file and a report on pages (OFD).  The overview's rows are the reports, every
# report view highlights each finding at its evidence and lists it, the
# links go to the report and back, and nothing from a report runs or
# becomes an element (check_html.py).  Screenshots of the overview and of a
# report view are left in ARTIFACTS.  Exits 77 (skipped) without Chromium.
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

# Paths in the report stay short and stable: run from the work directory.
mkdir -p "$tmp/in"
cp samples/*.txt "$tmp/in/"
cp tests/fixtures/views/hostile.txt \
  "$tmp/in/\"'><svg onload=body.dataset.pwned=3>.txt"
cp tests/fixtures/hostile/encrypted.docx "$tmp/in/"
# A report laid out on pages (OFD, written by make_ofd.py): page markers in
# its text, pages beside its findings.
$py tests/formats/make_ofd.py --from samples/sum-mismatch.txt "$tmp/in/paged.ofd"
cd "$tmp"
set +e
"$archeck" --no-config -q -f html -o review.html --report json=findings.json \
  --summary summary.csv in 2>archeck.err
status=$?
set -e
# 2: the encrypted file cannot be read, and says so.
[ "$status" -eq 2 ] && grep -q 'in/encrypted.docx' archeck.err ||
  { echo "archeck exited $status, expected 2:"; cat archeck.err; exit 1; }
cp "$src/tests/views/harness.html" harness.html

browse() { # URL ARGS...: one headless Chromium run with a fresh profile
  url=$1
  shift
  profile=$(mktemp -d "$tmp/profile.XXXXXX")
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --hide-scrollbars --user-data-dir="$profile" "$@" "$url" \
    2>>"$tmp/chromium.log"
}

# Every report view, through the harness (a frame may read the page only
# with file access between files allowed).
browse "file://$tmp/harness.html" --allow-file-access-from-files --dump-dom \
  >harness.dom
# The hostile report's view, opened the way a user opens it.
# Reports are in path order (byte order: code point order of UTF-8).
index() { $py -c "import os, sys; f = sorted('in/' + n for n in os.listdir('in'))
print(next(i for i, p in enumerate(f) if sys.argv[1] in p))" "$1"; }
hostile=$(index svg)
browse "file://$tmp/review.html#r$hostile" --dump-dom >hostile.dom
browse "file://$tmp/review.html" --window-size=1400,900 \
  --screenshot="$artifacts/review-overview.png" >/dev/null
report=$(index sum-mismatch.txt)
browse "file://$tmp/review.html#r$report" --window-size=1400,900 \
  --screenshot="$artifacts/review-report.png" >/dev/null
cp review.html "$artifacts/review.html"

$py "$src/tests/views/check_html.py" harness.dom hostile.dom findings.json \
  summary.csv in "$hostile"
for png in review-overview review-report; do
  [ -s "$artifacts/$png.png" ] || { echo "no screenshot $png.png"; exit 1; }
done
echo "screenshots: $artifacts/review-overview.png $artifacts/review-report.png"

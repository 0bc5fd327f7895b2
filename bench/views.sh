#!/bin/sh
# bench/views.sh - what the views for people cost: the run time of archeck
# on the benchmark corpus with only the audit CSV, and with the review
# report (html) and the workbook (xlsx) as well; then how long headless
# Chromium takes to show the overview of a review report of --overview
# reports.
#
# usage: bench/views.sh [--files N] [--mb M] [--seed S] [--corpus DIR]
#                       [--runs R] [--overview K] [--archeck BIN] [--jobs J]
#
#   --files N      files in the generated corpus (default 10000)
#   --mb M         its size in MB of 10^6 bytes (default 150)
#   --seed S       generator seed (default 1)
#   --corpus DIR   use the *.txt files in DIR (generated into DIR if none)
#   --runs R       measured runs per command, the best counts (default 3)
#   --overview K   reports in the page opened in Chromium (default 1000;
#                  0 skips this part)
#   --archeck BIN  benchmark BIN instead of build-bench/archeck (Release)
#   --jobs J       archeck -J: threads checking files, and writing them
#                  (default: archeck's, one per CPU)
#
# Each command runs once to warm the page cache, then R times; the table
# gives the best wall-clock and the best CPU (user + system) seconds, and
# the overhead of each against the CSV alone.  The machine may be shared:
# CPU seconds are the steadier figure.  The overview is timed by the page
# itself (report_html.js): data-arc-ms is its script from start to the
# overview built and laid out, data-arc-page-ms the time since navigation
# started, data-arc-loaded-ms when the browser has read the whole file
# (the texts follow the script); rows= the rows put in the table at once.
set -eu

FILES=10000
MB=150
SEED=1
CORPUS=""
RUNS=3
OVERVIEW=1000
ARCHECK=""
JOBS=""

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --files) FILES=${2:?--files needs a value}; shift 2 ;;
    --mb) MB=${2:?--mb needs a value}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a value}; shift 2 ;;
    --corpus) CORPUS=${2:?--corpus needs a value}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
    --overview) OVERVIEW=${2:?--overview needs a value}; shift 2 ;;
    --archeck) ARCHECK=${2:?--archeck needs a value}; shift 2 ;;
    --jobs) JOBS=${2:?--jobs needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/views.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

START=$(pwd)
case $CORPUS in ""|/*) ;; *) CORPUS="$START/$CORPUS" ;; esac
case $ARCHECK in ""|/*) ;; *) ARCHECK="$START/$ARCHECK" ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
[ -x /usr/bin/time ] || { echo "bench/views.sh: needs /usr/bin/time (Debian: time)" >&2; exit 1; }

if [ -z "$ARCHECK" ]; then
  echo "== building archeck (Release) into build-bench/"
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-bench -j2 --target archeck >/dev/null
  ARCHECK="$ROOT/build-bench/archeck"
fi

WORK=$(mktemp -d /tmp/archeck-views.XXXXXX)
GENERATED=""
cleanup() {
  [ -n "$GENERATED" ] && rm -rf "$GENERATED"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$CORPUS" ]; then
  CORPUS=$(mktemp -d /tmp/archeck-corpus.XXXXXX)
  GENERATED=$CORPUS
fi
mkdir -p "$CORPUS"
if [ -z "$(find "$CORPUS" -name '*.txt' -print -quit)" ]; then
  echo "== generating the corpus into $CORPUS"
  python3 bench/gen_corpus.py --files "$FILES" --mb "$MB" --seed "$SEED" \
    --out "$CORPUS" >/dev/null
fi
NFILES=$(find "$CORPUS" -name '*.txt' | wc -l)
echo "== $NFILES files in $CORPUS; $("$ARCHECK" --version 2>&1 | head -1)"

# best WALL CPU of R runs of the command (after a warm-up run)
measure() {
  "$@" >/dev/null 2>&1 || [ $? -le 1 ]
  best_w=1e9 best_c=1e9
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$@" >/dev/null 2>&1 || [ $? -le 1 ]
    read -r w u s <<EOF
$(tail -n 1 "$WORK/time")
EOF
    c=$(echo "$u $s" | awk '{printf "%.2f", $1 + $2}')
    best_w=$(echo "$best_w $w" | awk '{print ($2 < $1) ? $2 : $1}')
    best_c=$(echo "$best_c $c" | awk '{print ($2 < $1) ? $2 : $1}')
    i=$((i + 1))
  done
  echo "$best_w $best_c"
}

base="$ARCHECK --no-config -q ${JOBS:+-j$JOBS} -o $WORK/audit.csv --summary $WORK/summary.csv"
printf '%-24s %9s %9s %9s %9s\n' outputs wall_s cpu_s "+wall" "+cpu"
row() { # LABEL EXTRA-ARGS...
  label=$1
  shift
  # shellcheck disable=SC2086
  set -- $(measure $base "$@" "$CORPUS")
  if [ -z "${BASE_W:-}" ]; then BASE_W=$1 BASE_C=$2; fi
  echo "$label $1 $2 $BASE_W $BASE_C" | awk '{
    printf "%-24s %9.2f %9.2f %8.1f%% %8.1f%%\n", $1, $2, $3,
      100 * ($2 / $4 - 1), 100 * ($3 / $5 - 1) }'
}
row csv
row csv+html --report "html=$WORK/review.html"
row csv+xlsx --report "xlsx=$WORK/review.xlsx"
row csv+html+xlsx --report "html=$WORK/review.html" --report "xlsx=$WORK/review.xlsx"
ls -l "$WORK/review.html" "$WORK/review.xlsx" | awk '{printf "   %s %.1f MB\n", $NF, $5 / 1e6}'

[ "$OVERVIEW" -gt 0 ] || exit 0
chromium=/usr/bin/chromium
[ -x "$chromium" ] || { echo "== no $chromium: overview not timed"; exit 0; }
mkdir "$WORK/some"
find "$CORPUS" -name '*.txt' | sort | head -n "$OVERVIEW" |
  while read -r f; do cp "$f" "$WORK/some/"; done
"$ARCHECK" --no-config -q -f html -o "$WORK/some.html" "$WORK/some" >/dev/null 2>&1 ||
  [ $? -le 1 ]
echo "== overview of $OVERVIEW reports ($(du -m "$WORK/some.html" | cut -f1) MB page) in headless Chromium, $RUNS runs:"
i=0
while [ "$i" -lt "$RUNS" ]; do
  profile=$(mktemp -d "$WORK/profile.XXXXXX")
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update \
    --user-data-dir="$profile" --window-size=1400,900 --dump-dom \
    "file://$WORK/some.html" 2>/dev/null >"$WORK/dom"
  grep -o '<html[^>]*>' "$WORK/dom" | grep -o 'data-arc-[a-z-]*="[0-9]*"' |
    tr '\n' ' '
  echo "rows=$(grep -o '<tr id="arc-row-' "$WORK/dom" | wc -l)"
  i=$((i + 1))
done

#!/bin/sh
# bench/scaling.sh - how archeck's time grows with the size of one report
# full of findings: a report of 1, 2, 4, 8, 16, 32 and 64 MB is generated
# twice, as paragraphs on their own lines and flattened to a single line,
# and checked with the default rule set on one thread.  Linear work shows
# as a constant time per MB down the table.
#
# usage: bench/scaling.sh [--sizes "1 2 4 …"] [--runs R] [--archeck BIN]
#
#   --sizes LIST  report sizes in MB of 2^20 bytes (default "1 2 4 8 16 32 64")
#   --runs R      measured runs per report, the best counts (default 3)
#   --archeck BIN time BIN instead of building build-bench/archeck
#
# The reports are written to a temporary directory under /tmp and removed
# at exit.  Seconds are wall-clock, the peak RSS is /usr/bin/time's %M when
# it is installed.
set -eu

SIZES="1 2 4 8 16 32 64"
RUNS=3
ARCHECK=""

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --sizes) SIZES=${2:?--sizes needs a value}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
    --archeck) ARCHECK=${2:?--archeck needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/scaling.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

START=$(pwd)
case $ARCHECK in ""|/*) ;; *) ARCHECK="$START/$ARCHECK" ;; esac
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
cd "$ROOT"
command -v python3 >/dev/null 2>&1 || { echo "bench/scaling.sh: python3 is required" >&2; exit 1; }

if [ -n "$ARCHECK" ]; then
  [ -x "$ARCHECK" ] || { echo "bench/scaling.sh: $ARCHECK is not executable" >&2; exit 2; }
  echo "== using $ARCHECK (not rebuilt)"
else
  echo "== building archeck (Release) into build-bench/"
  if ! { cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null &&
         cmake --build build-bench -j --target archeck >/dev/null; }; then
    echo "bench/scaling.sh: building archeck failed" >&2
    exit 1
  fi
  ARCHECK="$ROOT/build-bench/archeck"
fi

WORK=$(mktemp -d /tmp/archeck-scaling.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# gen SIZE_MB SHAPE OUT: a report whose paragraphs each carry findings of
# most rule kinds (placeholder, invalid and malformed dates, a sum and a
# rate that do not add up), SHAPE "lines" (one paragraph a line) or "one"
# (the whole report on one line).
gen() {
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
mb, shape, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
head = ["青禾区2025年度法治政府建设情况报告",
        "2025年,青禾区坚持依法行政,全面推进法治政府建设。",
        "一、2025年推进法治政府建设的主要举措和成效"]
paras = [
    "区司法局牵头组织XX次专项培训,共某某人参加,培训覆盖全部执法单位。",
    "2025年2月30日,区政府召开常务会议,研究部署依法行政工作,清理结果于1122日公布。",
    "共清理规范性文件120件,其中继续有效96件、修改15件、废止7件。",
    "受理行政复议申请200件,办结190件,办结率97%,行政机关负责人出庭应诉率达105%。",
    "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。",
]
tail = ["二、2025年推进法治政府建设存在的不足和原因",
        "基层执法力量仍然薄弱,原因在于培训不够。",
        "三、党政主要负责人履行推进法治建设第一责任人职责的情况",
        "主要负责人带头学法。",
        "四、2026年推进法治政府建设的主要安排",
        "继续完善制度。",
        "青禾区人民政府",
        "2026年3月20日"]
sep = "\n" if shape == "lines" else " "
target = mb << 20
body, size, i = [], 0, 0
fixed = sum(len(x.encode()) + 1 for x in head + tail)
while size + fixed < target:
    p = paras[i % len(paras)]
    body.append(p)
    size += len(p.encode()) + 1
    i += 1
with open(out, "w", encoding="utf-8") as f:
    f.write(sep.join(head + body + tail) + "\n")
EOF
}

now_ns() { date +%s%N; }
HAVE_TIME=0
[ -x /usr/bin/time ] && HAVE_TIME=1

# measure FILE: prints "seconds rss_kb findings" (best of $RUNS).
measure() {
  best="" rss=0 i=0
  while [ $i -lt "$RUNS" ]; do
    i=$((i + 1))
    t0=$(now_ns)
    set +e
    if [ $HAVE_TIME -eq 1 ]; then
      /usr/bin/time -f '%M' -o "$WORK/time.txt" "$ARCHECK" -q -j1 --no-config \
        -o "$WORK/audit.csv" --no-summary "$1" 2>"$WORK/stderr.txt"
    else
      "$ARCHECK" -q -j1 --no-config -o "$WORK/audit.csv" --no-summary "$1" \
        2>"$WORK/stderr.txt"
    fi
    status=$?
    set -e
    t1=$(now_ns)
    if [ "$status" -ge 2 ]; then
      echo "bench/scaling.sh: archeck exited with status $status on $1:" >&2
      head -n 5 "$WORK/stderr.txt" >&2
      exit 1
    fi
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
    if [ $HAVE_TIME -eq 1 ]; then
      kb=$(tail -n 1 "$WORK/time.txt")
      [ "$kb" -gt "$rss" ] && rss=$kb
    fi
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN {exit !(a < b)}'; then
      best=$secs
    fi
  done
  # The audit has a header row.
  echo "$best $rss $(($(wc -l <"$WORK/audit.csv") - 1))"
}

echo "== $(nproc) cores; archeck -j1, default rule set; best of $RUNS"
printf '\n%-6s %6s %9s %9s %9s %9s %9s\n' "shape" "MB" "findings" "seconds" "s per MB" "MB/s" "RSS MiB"
printf '%-6s %6s %9s %9s %9s %9s %9s\n' "------" "------" "--------" "-------" "--------" "-------" "-------"
for shape in lines one; do
  for mb in $SIZES; do
    f="$WORK/report-$shape-$mb.txt"
    gen "$mb" "$shape" "$f"
    set -- $(measure "$f")
    rm -f "$f"
    awk -v s="$shape" -v mb="$mb" -v t="$1" -v kb="$2" -v n="$3" -v have="$HAVE_TIME" 'BEGIN {
      rss = have ? sprintf("%.1f", kb / 1024) : "n/a"
      printf "%-6s %6d %9d %9.3f %9.4f %9.1f %9s\n", s, mb, n, t, t / mb, mb / t, rss }'
  done
done
echo
echo "command per report: $ARCHECK -q -j1 --no-config -o AUDIT.csv --no-summary REPORT.txt"

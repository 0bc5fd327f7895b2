#!/bin/sh
# bench/run.sh - throughput benchmark of archeck against the cat (I/O) and
# rg (regex) floors on a generated corpus of report-like files.
#
# usage: bench/run.sh [--files N] [--mb M] [--seed S] [--keep] [--corpus DIR]
#                     [--runs R] [--archeck BIN]
#
#   --files N     files in the generated corpus (default 10000)
#   --mb M        total corpus size in MB of 10^6 bytes (default 150)
#   --seed S      generator seed (default 1)
#   --keep        keep the generated corpus (printed at the end)
#   --corpus DIR  use DIR: if it already holds *.txt files they are the corpus
#                 (--files/--mb/--seed are ignored), otherwise the corpus is
#                 generated into DIR and kept
#   --runs R      measured runs per command, the best counts (default 3)
#   --archeck BIN benchmark BIN instead of building build-bench/archeck
#
# Every command runs once to warm the page cache (nothing is dropped from
# it), then R times; the table shows the best time of the R runs and the
# largest peak RSS.  Exits 0 whether or not the targets are met.
set -eu

FILES=10000
MB=150
SEED=1
KEEP=0
CORPUS=""
ARCHECK=""
RUNS=3

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --files) FILES=${2:?--files needs a value}; shift 2 ;;
    --mb) MB=${2:?--mb needs a value}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a value}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --corpus) CORPUS=${2:?--corpus needs a value}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
    --archeck) ARCHECK=${2:?--archeck needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/run.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

START=$(pwd)
case $CORPUS in ""|/*) ;; *) CORPUS="$START/$CORPUS" ;; esac
case $ARCHECK in ""|/*) ;; *) ARCHECK="$START/$ARCHECK" ;; esac
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
cd "$ROOT"
if [ -n "$CORPUS" ]; then
  CORPUS=$(realpath -m "$CORPUS")
  case $CORPUS/ in
    "$ROOT"/*) echo "bench/run.sh: keep the corpus outside the repository ($ROOT)" >&2; exit 2 ;;
  esac
fi

# --- tools ---------------------------------------------------------------
. ./cmake/deps.sh
arc_install_deps

bench_install_tools() {
  missing=""
  command -v rg >/dev/null 2>&1 || missing="$missing ripgrep"
  [ -x /usr/bin/time ] || missing="$missing time"
  [ -z "$missing" ] && return 0
  echo "安装缺少的软件包：$missing"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "需要 root 权限安装：$missing（请用 root 运行或安装 sudo）" >&2
      return 1
    }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq &&
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
bench_install_tools
command -v python3 >/dev/null 2>&1 || { echo "bench/run.sh: python3 is required" >&2; exit 1; }

# --- build ---------------------------------------------------------------
# Only the archeck target: the benchmark does not need the test suite.
if [ -n "$ARCHECK" ]; then
  [ -x "$ARCHECK" ] || { echo "bench/run.sh: $ARCHECK is not executable" >&2; exit 2; }
  echo "== using $ARCHECK (not rebuilt)"
else
  echo "== building archeck (Release) into build-bench/"
  if ! { cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null &&
         cmake --build build-bench -j --target archeck >/dev/null; }; then
    echo "bench/run.sh: building archeck failed (see above)" >&2
    exit 1
  fi
  ARCHECK="$ROOT/build-bench/archeck"
fi

# --- work dir and corpus ---------------------------------------------------
WORK=$(mktemp -d /tmp/archeck-bench.XXXXXX)
GENERATED=""
cleanup() {
  [ "$KEEP" -eq 1 ] && return 0
  [ -n "$GENERATED" ] && rm -rf "$GENERATED"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "$CORPUS" ]; then
  mkdir -p "$CORPUS"
  if [ -n "$(find "$CORPUS" -name '*.txt' -print -quit)" ]; then
    echo "== using the existing corpus in $CORPUS"
  else
    echo "== generating the corpus into $CORPUS"
    python3 "$BENCH/gen_corpus.py" --files "$FILES" --mb "$MB" --seed "$SEED" --out "$CORPUS"
  fi
else
  CORPUS=$(mktemp -d /tmp/archeck-corpus.XXXXXX)
  GENERATED=$CORPUS
  echo "== generating the corpus into $CORPUS"
  python3 "$BENCH/gen_corpus.py" --files "$FILES" --mb "$MB" --seed "$SEED" --out "$CORPUS"
fi

NFILES=$(find "$CORPUS" -name '*.txt' | wc -l)
BYTES=$(find "$CORPUS" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
[ "$NFILES" -gt 0 ] || { echo "bench/run.sh: no *.txt files in $CORPUS" >&2; exit 1; }

# --- rg patterns from the rule set ----------------------------------------
# All values of `patterns:` lists (plain strings and `match:` keys), `prose:`
# lists, and the `chrome`, `title_end` and `labels` keys.  A naive line-based
# read (no PyYAML here): single-quoted values are unquoted ('' -> ').  Named
# groups become non-capturing ones: rg joins the patterns into one
# alternation, where repeated names (sum.mismatch) would not compile.
PATTERNS="$WORK/patterns.txt"
python3 - "$ROOT/rules/annual-report.yaml" "$PATTERNS" <<'EOF'
import re, sys
LIST_KEYS = {"patterns", "prose"}
SCALAR_KEYS = {"chrome", "title_end", "labels", "match"}
def unquote(v):
    v = v.strip()
    if v.startswith("'"):
        if not v.endswith("'") or len(v) < 2:
            raise ValueError("unterminated quoted value: " + v)
        return v[1:-1].replace("''", "'")
    if v.startswith('"'):
        raise ValueError("double-quoted pattern not supported: " + v)
    return re.sub(r"\s+#.*$", "", v)
out, list_indent = [], None
for n, raw in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = raw.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    indent = len(line) - len(line.lstrip(" "))
    m = re.match(r"^(\s*)(?:-\s+)?([A-Za-z_]\w*):\s*(.*)$", line)
    item = re.match(r"^\s*-\s+(.*)$", line)
    if list_indent is not None:
        if item and indent >= list_indent and not m:
            out.append(unquote(item.group(1)))
            continue
        if indent <= list_indent:
            list_indent = None
    if m:
        key, value = m.group(2), m.group(3)
        if key in LIST_KEYS and value == "":
            list_indent = len(m.group(1))
        elif key in SCALAR_KEYS and value and not value.startswith(("[", "{", "|", ">")):
            out.append(unquote(value))
named = re.compile(r"\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for p in out:
        f.write(named.sub("(?:", p) + "\n")
print(f"== {len(out)} patterns extracted from {sys.argv[1]}")
EOF
# Every pattern must compile for the floor to mean anything (rg exits 1 for
# no match, 2 for an error).
set +e
printf '' | rg -P -f "$PATTERNS" >/dev/null 2>"$WORK/rg.err"
status=$?
set -e
if [ "$status" -ge 2 ]; then
  echo "bench/run.sh: rg cannot compile the extracted patterns:" >&2
  cat "$WORK/rg.err" >&2
  exit 1
fi

# --- measuring ------------------------------------------------------------
CSV="$WORK/out.csv"
HAVE_J=0
if "$ARCHECK" --help 2>&1 | grep -Eq -- '(^|[[:space:]])-j([[:space:],=N]|$)|--jobs'; then
  HAVE_J=1
fi

RESULTS="$WORK/results.txt"
: >"$RESULTS"
COMMANDS="$WORK/commands.txt"
: >"$COMMANDS"

now_ns() { date +%s%N; }

# measure NAME COMMAND: one warm-up run, then $RUNS measured runs.  Seconds
# are wall-clock (date +%s%N around /usr/bin/time, finer than its %e); the
# peak RSS is /usr/bin/time's %M (KB), the largest of the runs; CPU is the
# user + system seconds of the best run over its wall time (100% = one core
# busy throughout).
measure() {
  name=$1
  cmd=$2
  printf '%-14s %s\n' "$name" "$cmd" >>"$COMMANDS"
  printf '   %-14s' "$name"
  sh -c "$cmd" >/dev/null 2>&1 || true
  best="" rss=0 i=0 cpu=0
  while [ $i -lt $RUNS ]; do
    i=$((i + 1))
    t0=$(now_ns)
    set +e
    /usr/bin/time -f '%e %M %x %U %S' -o "$WORK/time.txt" sh -c "$cmd" >/dev/null 2>"$WORK/stderr.txt"
    set -e
    t1=$(now_ns)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')
    # The last line: GNU time prefixes "Command exited with non-zero status".
    set -- $(tail -n 1 "$WORK/time.txt")
    kb=$2 status=$3 used=$(awk -v u="$4" -v s="$5" 'BEGIN {printf "%.2f", u + s}')
    case $name in
      archeck*) if [ "$status" -ge 2 ]; then
          echo; echo "   warning: $name exited with status $status:" >&2
          head -n 5 "$WORK/stderr.txt" >&2
        fi ;;
    esac
    [ "$kb" -gt "$rss" ] && rss=$kb
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN {exit !(a < b)}'; then
      best=$secs
      cpu=$(awk -v c="$used" -v t="$secs" 'BEGIN {printf "%.0f", 100 * c / t}')
    fi
    printf ' %ss' "$secs"
  done
  echo
  echo "$name|$best|$rss|$cpu" >>"$RESULTS"
}

echo "== corpus: $NFILES files, $BYTES bytes in $CORPUS"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== measuring (1 warm-up + best of $RUNS)"
measure "cat" "find '$CORPUS' -name '*.txt' -print0 | xargs -0 cat > /dev/null"
measure "rg -j1" "rg -P -c -j1 -f '$PATTERNS' '$CORPUS' > /dev/null"
measure "rg" "rg -P -c -f '$PATTERNS' '$CORPUS' > /dev/null"
if [ "$HAVE_J" -eq 1 ]; then
  measure "archeck -j1" "'$ARCHECK' -q -j1 --no-config -o '$CSV' --summary '$WORK/summary.csv' '$CORPUS'"
  measure "archeck -j2" "'$ARCHECK' -q -j2 --no-config -o '$CSV' --summary '$WORK/summary.csv' '$CORPUS'"
else
  measure "archeck" "'$ARCHECK' -q -o '$CSV' '$CORPUS'"
fi

# --- report ---------------------------------------------------------------
echo
echo "corpus: $NFILES files, $(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}') MB ($BYTES bytes); $(nproc) cores; best of $RUNS after a warm-up run"
echo "load average before/after measuring: $LOAD0 / $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'|' -v bytes="$BYTES" -v files="$NFILES" -v have_j="$HAVE_J" '
  { name[NR] = $1; t[NR] = $2; kb[NR] = $3; cpu[NR] = $4; idx[$1] = NR; n = NR }
  END {
    printf "\n%-14s %9s %9s %9s %12s %6s\n", "tool", "seconds", "MB/s", "files/s", "peak RSS MiB", "CPU"
    printf "%-14s %9s %9s %9s %12s %6s\n", "--------------", "-------", "-------", "-------", "------------", "-----"
    for (i = 1; i <= n; i++)
      printf "%-14s %9.3f %9.1f %9.0f %12.1f %5d%%\n", name[i], t[i], bytes / 1e6 / t[i], files / t[i], kb[i] / 1024, cpu[i]
    a1 = have_j ? "archeck -j1" : "archeck"
    ta = t[idx[a1]]; tr = t[idx["rg -j1"]]; mbs = bytes / 1e6 / ta; rss = kb[idx[a1]]
    if (have_j) { t2 = t[idx["archeck -j2"]]; if (kb[idx["archeck -j2"]] > rss) rss = kb[idx["archeck -j2"]] }
    printf "\nratios\n"
    printf "  %s / rg -j1 time:     %.2fx\n", a1, ta / tr
    printf "  %s / cat time:        %.2fx\n", a1, ta / t[idx["cat"]]
    if (have_j) printf "  archeck -j2 speed-up over -j1: %.2fx\n", ta / t2
    else printf "  archeck -j2 speed-up over -j1: n/a (archeck has no -j yet)\n"
    printf "\ntargets\n"
    printf "  %-44s %8.1f MB/s  %s\n", "one core >= 100 MB/s (" a1 ")", mbs, (mbs >= 100 ? "met" : "MISSED")
    if (have_j) printf "  %-44s %8.2fx     %s\n", "-j2 >= 1.7x -j1", ta / t2, (ta / t2 >= 1.7 ? "met" : "MISSED")
    else printf "  %-44s %8s      %s\n", "-j2 >= 1.7x -j1", "n/a", "not measured"
    printf "  %-44s %8.1f MiB   %s\n", "peak RSS < 64 MiB", rss / 1024, (rss / 1024 < 64 ? "met" : "MISSED")
    printf "  %-44s %8.2fx     %s\n", "within 3x of the rg -j1 floor", ta / tr, (ta / tr <= 3 ? "met" : "MISSED")
  }' "$RESULTS"

if [ "$HAVE_J" -eq 0 ]; then
  echo
  echo "note: $ARCHECK --help does not mention -j, so archeck ran without -j"
  echo "      (its default threading) and the -j2 figures are not measured."
fi

echo
if [ "$KEEP" -eq 1 ]; then kept="kept"; else kept="removed at exit"; fi
echo "commands ($(wc -l <"$PATTERNS") patterns in $PATTERNS, $kept):"
sed 's/^/  /' "$COMMANDS"
if [ "$KEEP" -eq 1 ] && [ -n "$GENERATED" ]; then
  echo
  echo "corpus kept in $GENERATED (reuse it with --corpus $GENERATED); work files in $WORK"
fi
exit 0

#!/bin/sh
# bench/readers.sh - throughput of the PDF and OFD readers.  Every sample
# report (samples/*.txt) is made a .pdf (LibreOffice) and an .ofd
# (tests/formats/make_ofd.py, official-document layout), each copied N
# times into one folder per format, and archeck checks each folder; the
# .txt folder is the baseline of the checks themselves.  Pages are the
# pages of the PDF and OFD versions (the same documents).
#
# usage: bench/readers.sh [--copies N] [--runs R] [--jobs J] [--archeck BIN]
#
#   --copies N    copies of each sample per format (default 50: 1,000 files)
#   --runs R      measured runs per format, the best counts (default 3)
#   --jobs J      archeck -j (default 1)
#   --archeck BIN benchmark BIN instead of building build-bench/archeck
#
# Each folder is checked once to warm the page cache, then R times with
#   ARCHECK -q --no-config --no-summary -jJ -o /dev/null FOLDER
# Exits 0 after printing the table.
set -eu

COPIES=50
RUNS=3
JOBS=1
ARCHECK=""

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --copies) COPIES=${2:?--copies needs a value}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
    --jobs) JOBS=${2:?--jobs needs a value}; shift 2 ;;
    --archeck) ARCHECK=${2:?--archeck needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/readers.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

START=$(pwd)
case $ARCHECK in ""|/*) ;; *) ARCHECK="$START/$ARCHECK" ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. ./cmake/deps.sh
arc_install_deps "libreoffice-writer-nogui fonts-noto-cjk python3"

if [ -n "$ARCHECK" ]; then
  [ -x "$ARCHECK" ] || { echo "bench/readers.sh: $ARCHECK is not executable" >&2; exit 2; }
else
  echo "== building archeck (Release) into build-bench/"
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null &&
    cmake --build build-bench -j --target archeck >/dev/null
  ARCHECK="$ROOT/build-bench/archeck"
fi

echo "== samples as PDF and OFD (cached in build-bench/samples-pdf-ofd)"
sh tests/formats/make_samples.sh build-bench/samples-pdf-ofd
SRC="$ROOT/build-bench/samples-pdf-ofd"

WORK=$(mktemp -d /tmp/archeck-readers.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
for ext in txt pdf ofd; do
  mkdir "$WORK/$ext"
  i=0
  while [ "$i" -lt "$COPIES" ]; do
    for f in "$SRC"/*."$ext"; do
      cp "$f" "$WORK/$ext/$i-$(basename "$f")"
    done
    i=$((i + 1))
  done
done

# Pages of one copy of the samples: PDF page objects, OFD Page entries.
PAGES=$(python3 - "$SRC" <<'EOF'
import glob, re, sys, zipfile
d = sys.argv[1]
pdf = sum(len(re.findall(rb"/Type\s*/Page(?![s\w])", open(f, "rb").read()))
          for f in glob.glob(d + "/*.pdf"))
ofd = 0
for f in glob.glob(d + "/*.ofd"):
    z = zipfile.ZipFile(f)
    ofd += len(re.findall(rb"<ofd:Page\s", z.read("Doc_0/Document.xml")))
print(pdf, ofd)
EOF
)
PDF_PAGES=$(echo "$PAGES" | cut -d' ' -f1)
OFD_PAGES=$(echo "$PAGES" | cut -d' ' -f2)

best() { # FOLDER: wall and CPU seconds of the fastest of RUNS, after a warm-up
  python3 - "$ARCHECK" "$JOBS" "$RUNS" "$1" <<'EOF'
import resource, subprocess, sys, time
cmd = [sys.argv[1], "-q", "--no-config", "--no-summary", "-j" + sys.argv[2],
       "-o", "/dev/null", sys.argv[4]]
runs = []
for i in range(int(sys.argv[3]) + 1):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    rc = subprocess.run(cmd).returncode
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
    runs.append((wall, cpu))
    if rc > 1:
        sys.exit("archeck exited %d" % rc)
print("%.4f %.4f" % min(runs[1:]))
EOF
}

echo
echo "command: $ARCHECK -q --no-config --no-summary -j$JOBS -o /dev/null FOLDER"
echo "$(ls "$WORK/txt" | wc -l) files per format ($COPIES copies of $(ls "$SRC"/*.txt | wc -l) samples), best of $RUNS"
echo
printf '| format | files | MB | pages | seconds | CPU s | files/s | pages/s | MB/s | pages/CPU s |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for ext in txt pdf ofd; do
  n=$(ls "$WORK/$ext" | wc -l)
  bytes=$(du -sb "$WORK/$ext" | cut -f1)
  case $ext in
    ofd) pages=$((OFD_PAGES * COPIES)) ;;
    *) pages=$((PDF_PAGES * COPIES)) ;;
  esac
  s=$(best "$WORK/$ext")
  python3 - "$ext" "$n" "$bytes" "$pages" $s <<'EOF'
import sys
ext, n, b, p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s, cpu = float(sys.argv[5]), float(sys.argv[6])
print("| .%s | %d | %.1f | %d | %.3f | %.3f | %.0f | %.0f | %.1f | %.0f |"
      % (ext, n, b / 1e6, p, s, cpu, n / s, p / s, b / 1e6 / s, p / cpu))
EOF
done
echo
echo "(.txt pages: the pages of the same reports as PDF.  CPU s: user + system"
echo "time of that run, which other load on the machine does not inflate;"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"

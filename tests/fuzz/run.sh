#!/bin/sh
# run.sh - builds the libFuzzer targets with clang and runs them.
#
#   tests/fuzz/run.sh [--build-dir DIR] [--seconds N] [--build-only] [TARGET...]
#
# DIR (default build-fuzz) is a clang build with -DARC_FUZZ=ON, made or
# brought up to date first.  Each TARGET (default: all of text docx html pdf
# ofd doc odt rtf rules config) runs for N seconds (default: the
# ARC_FUZZ_SECONDS environment variable, else 60) on its seed corpus
# (tests/fuzz/corpus/TARGET) and regression corpus (tests/fuzz/regress/
# TARGET); what libFuzzer finds new goes to DIR/corpus/TARGET, never into
# the repository, and a crashing, hanging or memory-hungry input to
# DIR/crashes/TARGET/.  Keep such an input: copy it into regress/TARGET/
# with the fix, so that it runs on every build (fuzz.replay.TARGET).
#
# Exits 77 (ctest: skipped) when clang-14/clang or libFuzzer is missing.
set -eu
cd "$(dirname "$0")/../.."
dir=build-fuzz
seconds=${ARC_FUZZ_SECONDS:-}
build_only=0
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) dir=$2; shift 2 ;;
    --seconds) [ -n "${ARC_FUZZ_SECONDS:-}" ] || seconds=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
seconds=${seconds:-60}
targets=${*:-text docx html pdf ofd doc odt rtf rules config}

cc=""
for c in clang-14 clang; do
  command -v "$c" >/dev/null 2>&1 && { cc=$c; break; }
done
[ -n "$cc" ] || { echo "run.sh: clang is not installed (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 77; }
# libFuzzer itself comes with the compiler-rt package.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$probe/p.c"
"$cc" -fsanitize=fuzzer "$probe/p.c" -o "$probe/p" 2>/dev/null ||
  { echo "run.sh: $cc has no libFuzzer (apt-get install libclang-rt-14-dev)" >&2; exit 77; }

# One build at a time: ctest runs the targets in parallel, each may get here.
mkdir -p "$dir"
(
  flock 9
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S . -B "$dir" -DCMAKE_C_COMPILER="$cc" -DARC_FUZZ=ON \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  set --
  for t in $targets; do set -- "$@" --target "fuzz_$t"; done
  cmake --build "$dir" -j"$(nproc 2>/dev/null || echo 2)" "$@" >"$dir/build.log" 2>&1 ||
    { cat "$dir/build.log" >&2; exit 1; }
) 9>"$dir/.lock"
[ "$build_only" = 1 ] && exit 0

src=tests/fuzz
status=0
for t in $targets; do
  mkdir -p "$dir/corpus/$t" "$dir/crashes/$t" "$src/regress/$t"
  echo "== fuzz_$t: $seconds s"
  # Leaks are bugs too (detect_leaks); an input slower than 30 s or using
  # more than 2 GB is reported like a crash.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=30 \
      -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$dir/crashes/$t/" \
      "$dir/corpus/$t" "$src/corpus/$t" "$src/regress/$t" \
      >"$dir/fuzz_$t.log" 2>&1 || {
    status=1
    tail -60 "$dir/fuzz_$t.log" >&2
    echo "run.sh: fuzz_$t failed; input in $dir/crashes/$t/, log $dir/fuzz_$t.log" >&2
  }
  grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$dir/fuzz_$t.log" || true
done
exit $status

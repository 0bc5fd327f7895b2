#!/bin/sh
# test.sh - installs what is missing, builds archeck with warnings as errors
# and runs the whole test suite, then again under ASan+UBSan.
set -eu
cd "$(dirname "$0")"
. ./cmake/deps.sh
arc_install_deps "$ARC_TEST_PACKAGES"
arc_fetch_sarif_schema .cache/sarif-schema-2.1.0.json
jobs=$(nproc 2>/dev/null || echo 2)
# Check's default per-test timeout (4 s) is too short for the sanitizer
# build on a loaded 2-core machine; a hang still fails, after 5 minutes.
export CK_DEFAULT_TIMEOUT=300

echo "== build (warnings are errors)"
arc_build build -DARC_WERROR=ON
(cd build && ctest --output-on-failure -j"$jobs")

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
arc_build build-asan -DARC_WERROR=ON -DARC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")

#!/bin/sh
# unasked_files.sh ARCHECK - nothing is written where the user did not ask:
# -o - and -q create no reports/ directory; the default audit brings the
# summary beside it; configured outputs get their missing directories.
set -u
archeck=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
cp "$src/samples/compliant.txt" report.txt
run() { "$archeck" --no-config -r "$src/rules/annual-report.yaml" "$@" >/dev/null 2>&1; }

run -o - report.txt
[ -e reports ] && { echo "-o - created reports/"; fail=1; }
run -q report.txt
[ -e reports ] && { echo "-q created reports/"; fail=1; }
run -q --report json=- report.txt
[ -e reports ] && { echo "-q --report json=- created reports/"; fail=1; }

run report.txt
[ -f reports/audit.csv ] || { echo "the default audit was not written"; fail=1; }
[ -f reports/summary.csv ] || { echo "no summary beside the default audit"; fail=1; }
rm -rf reports

run -o out/deep/audit.csv report.txt
[ -f out/deep/audit.csv ] || { echo "-o did not create its directories"; fail=1; }
[ -e reports ] && { echo "-o FILE also wrote the default summary"; fail=1; }
[ -e out/deep/summary.csv ] && { echo "a summary nobody asked for"; fail=1; }

run -q -o a.csv --summary s/summary.csv report.txt
[ -f s/summary.csv ] || { echo "--summary did not create its directory"; fail=1; }
exit $fail

#!/bin/sh
# run.sh - installs what is missing, builds archeck into build/, checks the
# sample reports and writes reports/audit.csv, the review report
# reports/review.html (open it in a browser) and the workbook
# reports/review.xlsx.
set -eu
cd "$(dirname "$0")"
. ./cmake/deps.sh
arc_install_deps
arc_build_tool build
mkdir -p reports
set +e
./build/archeck -o reports/audit.csv --report html=reports/review.html \
  --report xlsx=reports/review.xlsx samples/
status=$?
set -e
# 1 only means that the samples have errors, which is what they are for.
[ "$status" -le 1 ] || exit "$status"
echo "审计表：reports/audit.csv"
echo "审阅报告：reports/review.html（用浏览器打开）"
echo "工作簿：reports/review.xlsx"

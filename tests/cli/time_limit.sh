#!/bin/sh
# time_limit.sh ARCHECK - a 200 MB single-line text (made here, in the
# build directory) is refused within its time budget (--time-limit, or
# time_limit in the configuration) with the reason in the audit, and the
# rest of the batch is still checked.
set -u
archeck=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(pwd)
tmp=$(mktemp -d "$(dirname "$archeck")/time-limit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 1
/usr/bin/python3 - <<'PY' || exit 1
line = "二〇二三年本机关推进依法行政，完成事项XX项，占比12.5%，2023年3月5日。".encode()
with open("big.txt", "wb") as f:
    f.write("关于2023年法治政府建设情况的报告".encode())
    for _ in range(200 * 1024 * 1024 // len(line)):
        f.write(line)
PY
cp "$src/samples/compliant.txt" a.txt
cp "$src/samples/compliant.txt" z.txt
run() {
  "$archeck" -r "$src/rules/annual-report.yaml" --max-file-size 300M -q "$@" \
    a.txt big.txt z.txt >/dev/null 2>err.txt
}
check_audit() {
  grep -q '^big.txt,,,error,input.unreadable,,读取和检查用时超过每个文件 1 秒的时间上限（--time-limit），未检查' audit.csv ||
    { echo "$1: no time-limit row for big.txt"; cat audit.csv; fail=1; }
  grep -q '^a.txt,' audit.csv && grep -q '^z.txt,' audit.csv ||
    { echo "$1: the other files were not checked"; fail=1; }
  [ "$(grep -c '^big.txt,' audit.csv)" = 1 ] ||
    { echo "$1: findings of a half-checked file"; fail=1; }
}
printf 'time_limit: 1\noutput: audit.csv\n' >.archeck.yaml
rm -f audit.csv
run
check_audit "time_limit in .archeck.yaml"
# --time-limit, which wins over the configuration.
printf 'time_limit: 1000\noutput: audit.csv\n' >.archeck.yaml
rm -f audit.csv
run --time-limit 1
check_audit "--time-limit (over the configuration's 1000)"
"$archeck" --time-limit x a.txt >/dev/null 2>err.txt
[ $? = 2 ] && grep -q -- '--time-limit 应为秒数' err.txt ||
  { echo "--time-limit x is not a usage error"; fail=1; }
exit $fail

#!/bin/sh
# extract.sh ARCHECK - --extract shows the text as read and what was
# recognised, and writes no file.
set -u
archeck=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
out=$("$archeck" --no-config --extract samples/year-mismatch.txt)
status=$?
[ "$status" -eq 0 ] || { echo "exit status $status"; fail=1; }
for want in "标题：青禾区人民政府关于2025年度法治政府建设情况的报告" \
            "报告年度：2025（标题）" "文件类型：annual-report" \
            "next_year=heading" "← 下一年度推进法治政府建设的主要安排" \
            "     1  青禾区人民政府关于2025年度法治政府建设情况的报告"; do
  case $out in
    *"$want"*) ;;
    *) echo "missing: $want"; fail=1 ;;
  esac
done
printf 'no' > "$tmp/bad.docx"
"$archeck" --no-config --extract "$tmp/bad.docx" >"$tmp/out" 2>&1
[ $? -eq 2 ] || { echo "an unreadable file should exit 2"; fail=1; }
grep -q "无法读取" "$tmp/out" || { echo "no reason for the unreadable file"; fail=1; }
exit $fail

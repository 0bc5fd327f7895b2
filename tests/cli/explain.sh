#!/bin/sh
# explain.sh ARCHECK - --explain RULE: what the rule checks, its legal
# basis, its examples, and a configuration snippet that really switches it
# off (it is loaded as .archeck.yaml here); an unknown rule is an error
# naming the close ids (exit 2).
set -u
archeck=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
want() { # want TEXT WHAT...
  text=$1
  shift
  for w in "$@"; do
    case $text in *"$w"*) ;; *) echo "missing: $w"; fail=1 ;; esac
  done
}
out=$("$archeck" --no-config --explain deadline.late)
[ $? -eq 0 ] || { echo "--explain deadline.late failed"; fail=1; }
want "$out" "deadline.late" "说明：发布日期晚于规定期限" "级别：error（错误）" \
  "依据：《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十四条" \
  "提示文字：发布日期{published}晚于规定期限" "会触发本规则的写法（bad）" \
  "发布日期:2026-04-15" "不会触发的写法（good）" "disable: [deadline.late]"
out=$("$archeck" --no-config --explain shortcomings.no-causes)
want "$out" "第二十五条第（二）项"
out=$("$archeck" --no-config --explain placeholder.found)
want "$out" "依据：（无法定依据"

# Every rule of the default set can be explained.
for id in $(sed -n '/^rules:/,$ s/^  - id: //p' rules/annual-report.yaml); do
  "$archeck" --no-config --explain "$id" >/dev/null ||
    { echo "--explain $id failed"; fail=1; }
done

# The snippet is a configuration that switches the rule off.
"$archeck" --no-config --explain numbering.gap |
  sed -n '/关闭或调整/,$p' | sed '1d; s/^    //' >"$tmp/.archeck.yaml"
out=$("$archeck" --config "$tmp/.archeck.yaml" --explain numbering.gap)
want "$out" "当前配置 $tmp/.archeck.yaml：已关闭本规则"
"$archeck" --config "$tmp/.archeck.yaml" -q -f text -o "$tmp/out.txt" samples/numbering-gap.txt
grep -q numbering.gap "$tmp/out.txt" && { echo "the snippet did not switch the rule off"; fail=1; }

"$archeck" --no-config --explain deadline.lat >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || { echo "an unknown rule should exit 2"; fail=1; }
want "$(cat "$tmp/err")" "没有规则“deadline.lat”" "相近的规则：deadline.late"
"$archeck" --no-config --explain zzz >/dev/null 2>"$tmp/err"
want "$(cat "$tmp/err")" "规则集中的规则：doc.type、"
exit $fail

#!/bin/sh
# precommit_hook.sh ARCHECK - the pre-commit hook covers every format
# archeck reads, prints each finding once, and the README's `rev:` names
# the version archeck reports.
set -u
archeck=$1
fail=0
exts=$("$archeck" --help | sed -n 's/.*递归查找 \([^）]*\)）.*/\1/p' | tr '、' '\n' |
       sed 's/^\*\.//')
[ -n "$exts" ] || { echo "no extensions in --help"; exit 1; }
re=$(sed -n 's/^ *files: *//p' .pre-commit-hooks.yaml)
for e in $exts; do
  printf 'x.%s\n' "$e" | /usr/bin/python3 -c "
import re, sys
sys.exit(0 if re.search(sys.argv[1], sys.stdin.read().strip()) else 1)" "$re" ||
    { echo "the hook's files pattern misses .$e"; fail=1; }
done
entry=$(sed -n 's/^ *entry: *//p' .pre-commit-hooks.yaml)
set -- $entry
shift
out=$("$archeck" "$@" --no-config samples/year-mismatch.txt 2>&1)
n=$(printf '%s\n' "$out" | grep -c 'year.mismatch')
[ "$n" -eq 1 ] || { echo "the hook prints a finding $n times:"; printf '%s\n' "$out"; fail=1; }
version=$("$archeck" --version | sed 's/^archeck //')
grep -q "rev: v$version\$" README.md ||
  { echo "README's pre-commit rev is not v$version"; fail=1; }
grep -q "project(archeck VERSION $version " CMakeLists.txt ||
  { echo "CMakeLists.txt's version is not $version"; fail=1; }
exit $fail

#!/bin/sh
# run_case.sh ARCHECK CASEDIR - runs the CLI with the case's arguments (and
# -q -o <tmp>), then compares the audit CSV, the exit status and, when the
# case has one, standard error with the expected files.
set -u
archeck=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

set --
if [ -f "$dir/args" ]; then
  while IFS= read -r arg || [ -n "$arg" ]; do
    set -- "$@" "$arg"
  done < "$dir/args"
fi

"$archeck" -q -o "$tmp/audit.csv" "$@" 2>"$tmp/stderr"
status=$?
fail=0

want=$(cat "$dir/expected.status")
if [ "$status" != "$want" ]; then
  echo "exit status: got $status, want $want"
  fail=1
fi
if [ -f "$dir/expected.csv" ]; then
  if ! cmp -s "$dir/expected.csv" "$tmp/audit.csv"; then
    echo "audit CSV differs from $dir/expected.csv:"
    diff "$dir/expected.csv" "$tmp/audit.csv" || true
    fail=1
  fi
elif [ -e "$tmp/audit.csv" ]; then
  echo "an audit was written although none was expected"
  fail=1
fi
if [ -f "$dir/expected.stderr" ]; then
  if ! cmp -s "$dir/expected.stderr" "$tmp/stderr"; then
    echo "standard error differs from $dir/expected.stderr:"
    diff "$dir/expected.stderr" "$tmp/stderr" || true
    fail=1
  fi
fi
if [ $fail -ne 0 ]; then
  echo "--- stderr ---"
  cat "$tmp/stderr"
fi
exit $fail

#!/bin/sh
# run_case.sh ARCHECK CASEDIR - runs the CLI with the case's arguments (and
# -q -o <tmp> --summary <tmp>, and --no-config unless the case names a
# config), then compares the audit, the exit status and, when the case has
# them, standard error, the summary and any other report it names with
# expected files.
#   args               one CLI argument per line; @TMP@ stands for the
#                      temporary directory (for --report FMT=@TMP@/x)
#   expected.status    exit status
#   expected.csv       the audit (-o); absent: no audit may be written
#   expected.stderr    standard error
#   expected-summary.csv  the summary
#   expected.<name>    any file @TMP@/<name> the case writes
#   setup              optional executable, run as `setup TMPDIR` first: it
#                      builds what cannot be committed portably (symbolic
#                      links, FIFOs) under TMPDIR; the outputs then have
#                      TMPDIR written as @TMP@ before they are compared
#   verbose            optional empty file: run without -q (skipped entries,
#                      the summary line on standard error)
set -u
archeck=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -x "$dir/setup" ] && ! "$dir/setup" "$tmp"; then
  echo "setup failed: $dir/setup $tmp"
  exit 1
fi
quiet=-q
[ -f "$dir/verbose" ] && quiet=

config=--no-config
set --
if [ -f "$dir/args" ]; then
  while IFS= read -r arg || [ -n "$arg" ]; do
    case $arg in --config|--no-config) config= ;; esac
    arg=$(printf '%s' "$arg" | sed "s|@TMP@|$tmp|g")
    set -- "$@" "$arg"
  done < "$dir/args"
fi

if [ -f "$dir/stdin" ]; then
  "$archeck" $quiet -o "$tmp/audit.csv" --summary "$tmp/summary.csv" $config "$@" \
    <"$dir/stdin" >"$tmp/stdout" 2>"$tmp/stderr"
else
  "$archeck" $quiet -o "$tmp/audit.csv" --summary "$tmp/summary.csv" $config "$@" \
    </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
fi
status=$?
fail=0
if [ -x "$dir/setup" ]; then
  for f in audit.csv summary.csv stdout stderr; do
    [ -f "$tmp/$f" ] && sed -i "s|$tmp|@TMP@|g" "$tmp/$f"
  done
fi

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
compare() { # expected-file actual-file label
  if ! cmp -s "$1" "$2"; then
    echo "$3 differs from $1:"
    diff "$1" "$2" || true
    fail=1
  fi
}
[ -f "$dir/expected.stderr" ] && compare "$dir/expected.stderr" "$tmp/stderr" "standard error"
[ -f "$dir/expected.stdout" ] && compare "$dir/expected.stdout" "$tmp/stdout" "standard output"
[ -f "$dir/expected-summary.csv" ] && compare "$dir/expected-summary.csv" "$tmp/summary.csv" "summary"
for f in "$dir"/expected.*; do
  name=${f##*/expected.}
  case $name in status|csv|stderr|stdout) continue ;; esac
  [ -f "$f" ] && compare "$f" "$tmp/$name" "$name"
done
if [ $fail -ne 0 ]; then
  echo "--- stderr ---"
  cat "$tmp/stderr"
fi
exit $fail

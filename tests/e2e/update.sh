#!/bin/sh
# update.sh CASEDIR... - rewrites the expected files of e2e cases from the
# current build. Review every diff before committing: an expected file must
# say what the tool should do, not what it happens to do.
cd "$(dirname "$0")/../.."
archeck=${ARCHECK:-./build/archeck} # another build: ARCHECK=build-x/archeck
for d in "$@"; do
  d=${d%/}
  tmp=$(mktemp -d)
  [ -x "$d/setup" ] && "$d/setup" "$tmp"
  quiet=-q
  [ -f "$d/verbose" ] && quiet=
  config=--no-config
  set --
  while IFS= read -r arg || [ -n "$arg" ]; do
    case $arg in --config|--no-config) config= ;; esac
    arg=$(printf '%s' "$arg" | sed "s|@TMP@|$tmp|g"); set -- "$@" "$arg"
  done < "$d/args"
  if [ -f "$d/stdin" ]; then
    "$archeck" $quiet -o "$tmp/audit.csv" --summary "$tmp/summary.csv" $config "$@" <"$d/stdin" >"$tmp/stdout" 2>"$tmp/stderr"
  else
    "$archeck" $quiet -o "$tmp/audit.csv" --summary "$tmp/summary.csv" $config "$@" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
  fi
  echo $? > "$d/expected.status"
  if [ -x "$d/setup" ]; then
    for f in audit.csv summary.csv stdout stderr; do
      [ -f "$tmp/$f" ] && sed -i "s|$tmp|@TMP@|g" "$tmp/$f"
    done
  fi
  rm -f "$d/expected.csv"; [ -f "$tmp/audit.csv" ] && cp "$tmp/audit.csv" "$d/expected.csv"
  rm -f "$d/expected.stderr"; [ -s "$tmp/stderr" ] && cp "$tmp/stderr" "$d/expected.stderr"
  if [ -f "$d/expected-summary.csv" ] || [ -n "${SUMMARY:-}" ]; then cp "$tmp/summary.csv" "$d/expected-summary.csv"; fi
  for f in "$d"/expected.*; do
    name=${f##*/expected.}
    case $name in status|csv|stderr|stdout) continue ;; esac
    [ -f "$tmp/$name" ] && cp "$tmp/$name" "$f"
  done
  [ -f "$d/expected.stdout" ] && cp "$tmp/stdout" "$d/expected.stdout"
  rm -rf "$tmp"
done

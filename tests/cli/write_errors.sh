#!/bin/sh
# write_errors.sh ARCHECK - a listing or report that cannot be written (a
# full disk) is an error with a message and exit status 2.
set -u
archeck=$1
[ -w /dev/full ] || { echo "no /dev/full here"; exit 77; }
fail=0
check() { # label command...
  label=$1
  shift
  err=$("$@" 2>&1 >/dev/full)
  status=$?
  if [ "$status" -ne 2 ]; then
    echo "$label: exit status $status, want 2"
    fail=1
  fi
  case $err in
    *无法写*|*写入失败*) ;;
    *) echo "$label: no write error reported: $err"; fail=1 ;;
  esac
}
check "listing to a full stdout" "$archeck" --no-config -o /dev/null --no-summary samples/
check "audit to a full stdout" "$archeck" --no-config -q -o - --no-summary samples/
check "extract to a full stdout" "$archeck" --no-config --extract samples/compliant.txt
exit $fail

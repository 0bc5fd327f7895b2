#!/bin/sh
# sarif_schema.sh ARCHECK SCHEMA - writes SARIF for every sample and
# validates it against the official SARIF 2.1.0 schema.
set -eu
archeck=$1
schema=$2
if [ ! -f "$schema" ]; then
  echo "SARIF schema missing: $schema (test.sh fetches it; see cmake/deps.sh)"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A non-ASCII file name must come out as a valid URI.
cp samples/placeholder.txt "$tmp/青禾区 报告.txt"
set +e
"$archeck" -q --no-config --no-summary -f sarif -o "$tmp/out.sarif" samples "$tmp/青禾区 报告.txt"
status=$?
set -e
[ "$status" -le 1 ] || { echo "archeck exited $status"; exit 1; }
/usr/bin/python3 tests/formats/validate_sarif.py "$schema" "$tmp/out.sarif"

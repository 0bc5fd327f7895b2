#!/bin/sh
# examples.sh ARCHECK - every YAML example in README.md and rules/README.md
# is real: rule sets load and pass their own examples (--test-rules, beside
# a copy of the shipped rules so that `extends:` resolves), configurations
# load and apply to the rule set they name.
set -u
archeck=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp rules/*.yaml "$tmp/"
/usr/bin/python3 - "$tmp" README.md rules/README.md <<'PY' || exit 1
import os, re, sys
out = sys.argv[1]
n = 0
for doc in sys.argv[2:]:
    text = open(doc, encoding="utf-8").read()
    for m in re.finditer(r"^```yaml\n(.*?)^```", text, re.S | re.M):
        body = m.group(1)
        line = text[: m.start()].count("\n") + 2
        # Fragments shown inside a larger file ("...") are not whole files.
        if re.search(r"^\s*\.\.\.\s*$", body, re.M) or body.startswith("  "):
            continue
        n += 1
        name = "%s-%d" % (doc.replace("/", "_").replace(".", "_"), line)
        if re.search(r"^version:", body, re.M):
            kind = "ruleset"
        elif re.search(r"^(rules|disable|severity|ignore|deadline|output|summary|fail_on|time_limit|profile):", body, re.M):
            kind = "config"
        else:
            continue  # a CI or pre-commit file: checked elsewhere
        # A rule set a config names: the province example of rules/README.md.
        if kind == "ruleset" and re.search(r"^extends:", body, re.M):
            open(os.path.join(out, "province.yaml"), "w").write(body)
        path = os.path.join(out, "%s.%s.yaml" % (name, kind))
        open(path, "w", encoding="utf-8").write(body)
        print(path, "%s:%d" % (doc, line))
open(os.path.join(out, "count"), "w").write(str(n))
PY
fail=0
mkdir -p "$tmp/rules" "$tmp/reports"
cp "$tmp"/*.yaml "$tmp/rules/"
for f in "$tmp"/*.ruleset.yaml; do
  "$archeck" --test-rules "$f" >"$tmp/out" 2>&1 ||
    { echo "rule set example $(basename "$f") fails:"; cat "$tmp/out"; fail=1; }
done
for f in "$tmp"/*.config.yaml; do
  # Paths in a config are relative to its directory: place it at the root.
  cp "$f" "$tmp/.archeck.yaml"
  (cd "$tmp" && printf '青禾区2025年度法治政府建设情况报告\n' > probe.txt &&
   "$archeck" --config .archeck.yaml -q probe.txt >"$tmp/out" 2>&1)
  [ $? -le 1 ] || { echo "config example $(basename "$f") fails:"; cat "$tmp/out"; fail=1; }
done
[ "$(cat "$tmp/count")" -gt 0 ] || { echo "no examples found"; fail=1; }
exit $fail

#!/usr/bin/env python3
"""validate_sarif.py SCHEMA SARIF - validates a SARIF log against the official
SARIF 2.1.0 JSON schema and checks what GitHub code scanning needs beyond it:
tool.driver.rules with help text, ruleId/level/message per result, a
physicalLocation with artifactLocation.uri and region.startLine/startColumn,
columnKind declared, partialFingerprints."""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    log = json.load(open(sys.argv[2], encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log),
                    key=lambda e: list(e.path))
    for e in errors:
        print("schema:", "/".join(map(str, e.path)), e.message)
    problems = len(errors)

    def need(cond, what):
        nonlocal problems
        if not cond:
            print("github:", what)
            problems += 1

    need(log.get("version") == "2.1.0", "version 2.1.0")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    need(len(rules) > 0, "driver.rules present")
    for r in rules:
        need(r.get("help", {}).get("text"), "rule %s has help text" % r.get("id"))
    need(run.get("columnKind") == "unicodeCodePoints", "columnKind declared")
    ids = [r["id"] for r in rules]
    need(len(run["results"]) > 0, "results present")
    for res in run["results"]:
        need(res["ruleId"] in ids, "ruleId %s listed in driver.rules" % res["ruleId"])
        need(ids[res["ruleIndex"]] == res["ruleId"], "ruleIndex matches ruleId")
        need(res["level"] in ("error", "warning", "note"), "level")
        need(res["message"]["text"], "message text")
        loc = res["locations"][0]["physicalLocation"]
        need(loc["artifactLocation"]["uri"], "artifactLocation.uri")
        need(loc["region"]["startLine"] >= 1, "region.startLine")
        need(loc["region"]["startColumn"] >= 1, "region.startColumn")
        need(res.get("partialFingerprints"), "partialFingerprints")
    print("%d results, %d problems" % (len(run["results"]), problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

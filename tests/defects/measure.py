#!/usr/bin/python3
"""Detection rate of the defect forms in this directory, and false alarms.

    tests/defects/measure.py build/archeck            # figures and every miss
    tests/defects/measure.py build/archeck --fp ../shared/corpus/seeds tests/real

expected.tsv names, per fixture, the rule that must fire (empty: none of the
defect rules may fire, a look-alike control).  With --fp, the defect rules'
findings on other material are listed and counted as false alarms, except
where the material holds that slip on purpose or in the original (INTENDED;
tests/real templates tmpl-*/…template… for placeholders).
"""
import csv, io, os, subprocess, sys

DEFECT_RULES = {"ratio.out-of-range", "ratio.mismatch", "share.inconsistent",
                "sum.mismatch", "placeholder.found", "plan.period",
                "paragraph.repeated", "date.invalid", "date.malformed"}
HERE = os.path.dirname(os.path.abspath(__file__))


def findings(exe, paths):
    out = subprocess.run([exe, "-q", "--no-config", "--no-summary", "-o", "-",
                          "-f", "csv", *paths], capture_output=True,
                         check=False).stdout.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(out)))


# Slips that are in the material on purpose (tests/real) or in the real
# documents themselves (seeds: 13 区政府 files among parts of 11; "1122日").
INTENDED = {("000_4f28ee6da608f1e8.txt", "sum.mismatch"),
            ("004_a45e8b96b8a00298.txt", "date.malformed"),
            ("rep-plan-period-lost-dash-2023.txt", "date.malformed"),
            ("rep-repeated-paragraph-2022.txt", "paragraph.repeated"),
            ("rep-year-mismatch-defect-2023.txt", "year.mismatch")}


def intended(path, rule):
    name = os.path.basename(path)
    if (name, rule) in INTENDED:
        return True
    if rule == "placeholder.found":
        return name.startswith("tmpl-") or "template" in name
    return False


def main():
    exe, rest = sys.argv[1], sys.argv[2:]
    fp_paths = rest[rest.index("--fp") + 1:] if "--fp" in rest else []
    rows = list(csv.DictReader(open(os.path.join(HERE, "expected.tsv"),
                                    encoding="utf-8"), delimiter="\t"))
    got = {}
    for f in findings(exe, [os.path.join(HERE, r["file"]) for r in rows]):
        got.setdefault(os.path.basename(f["file"]), []).append(f["rule"])
    forms = hits = controls = alarms = 0
    for r in rows:
        rules = got.get(r["file"], [])
        if r["expected"]:
            forms += 1
            if r["expected"] in rules:
                hits += 1
            else:
                print(f"missed  {r['form']}: wanted {r['expected']}")
        extra = [x for x in rules if x in DEFECT_RULES and x != r["expected"]]
        if not r["expected"]:
            controls += 1
        if extra:
            alarms += 1
            print(f"alarm   {r['form']}: {', '.join(sorted(set(extra)))}")
    print(f"defect forms detected: {hits}/{forms}; "
          f"fixtures with an unexpected defect finding: {alarms}/{len(rows)} "
          f"({controls} look-alike controls)")
    if fp_paths:
        fps = [f for f in findings(exe, fp_paths)
               if f["rule"] in DEFECT_RULES and not intended(f["file"], f["rule"])]
        for f in fps:
            print(f"fp      {f['file']}:{f['line']} {f['rule']} {f['evidence'][:40]}")
        print(f"defect-rule findings on {' '.join(fp_paths)}: {len(fps)}")


main()

"""check_cross.py HARNESS_DOM FINDINGS_JSON

Checks what headless Chromium showed of the checks across reports
(html_cross.sh, harness_cross.html) against archeck's own JSON findings:
the overview's pairs and plan follow-up, every side-by-side view (both
texts line for line, the same text marked on both sides) and each report's
plan table.  Prints each failure; exits 1 after any."""
import collections
import html
import json
import re
import sys

harness_dom, findings_json = sys.argv[1:3]
failures = []


def expect(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond


def fold(s):
    """The normalisation archeck applies to the text it shows (text.c)."""
    out = []
    for ch in s:
        c = ord(ch)
        if 0xFF01 <= c <= 0xFF5E:
            out.append(chr(c - 0xFEE0))
        elif ch in "\u3000\u00a0\u202f\u205f" or 0x2002 <= c <= 0x200A:
            out.append(" ")
        elif ch in "\u200b\u200c\u200d\u2060\ufeff":
            continue
        else:
            out.append(ch)
    return "".join(out)


def kept(s):
    """The characters the copy checks compare: ideographs, 〇 and digits."""
    return "".join(c for c in s if "\u4e00" <= c <= "\u9fff" or "0" <= c <= "9" or c == "\u3007"
                   or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff" or ord(c) >= 0x20000)


m = re.search(r'<pre id="out">(.*?)</pre>', open(harness_dom, encoding="utf-8").read(), re.S)
text = html.unescape(m.group(1)) if m else ""
if not text.startswith("{"):
    print("FAIL: the harness did not run:", text[:2000])
    sys.exit(1)
rec = json.loads(text)
col = {h: i for i, h in enumerate(rec["head"])}
files = [r[col["文件"]] for r in rec["rows"]]
expect(files == sorted(files) and len(files) == 6, "rows %s" % files)
expect("最大雷同" in col and "计划未落实" in col, "no columns for the checks across reports: %s" % rec["head"])

findings = [json.loads(l) for l in open(findings_json, encoding="utf-8")]
copies = [f for f in findings if f["rule"].startswith("copy.") and f["related"]]
pairs = {(f["rule"], frozenset((f["file"], f["related"]["file"]))) for f in copies
         if f["rule"] == "copy.between-units"}
not_followed = collections.defaultdict(list)
for f in findings:
    if f["rule"] == "plan.not-followed":
        not_followed[f["file"]].append(f)
expect(len(pairs) >= 3 and not_followed, "the batch lost its copies or plans: %s" % findings)

# ---- the overview's list of pairs: each pair of copy.between-units once
expect(any(s.startswith("报告之间的相同段落") for s in rec["sections"]) and
       any(s.startswith("上年计划的落实情况（2 个单位）") for s in rec["sections"]),
       "overview sections %s" % rec["sections"])


def row_path(href):
    return files[int(re.match(r"#r(\d+)", href).group(1))]


shown = set()
for p in rec["pairs"]:
    a = row_path(p["links"][0])
    other = row_path(p["links"][1]) if len(p["links"]) == 3 else p["cells"][2]
    shown.add(("copy.between-units", frozenset((a, other))))
    expect(p["links"][-1].startswith("#c"), "pair %s has no side-by-side link" % p)
expect(shown == pairs, "pairs listed %s, the findings name %s" % (sorted(map(sorted, (x[1] for x in shown))),
                                                                   sorted(map(sorted, (x[1] for x in pairs)))))

# ---- every side-by-side view: both texts, the same text marked on both sides
for v in rec["views"]:
    name = v["href"]
    expect(v["visible"] and v["h1"] == "相同段落对照", "%s: the pair view is not shown" % name)
    expect(len(v["panes"]) == 2, "%s: %d panes" % (name, len(v["panes"])))
    if len(v["panes"]) != 2:
        continue
    for pane in v["panes"]:
        raw = open(pane["path"], encoding="utf-8").read().split("\n")
        if raw[-1] == "":
            raw.pop()
        expect(pane["lines"] == [fold(l) for l in raw], "%s: the text of %s differs from the file" % (name, pane["path"]))
    a, b = v["panes"]
    expect(v["list"], "%s: no passages listed" % name)
    for j, item in enumerate(v["list"]):
        ma = kept("".join(m["text"] for m in a["marks"] if m["p"] == str(j)))
        mb = kept("".join(m["text"] for m in b["marks"] if m["p"] == str(j)))
        n = int(re.search(r"标出相同的 (\d+) 字", item).group(1))
        expect(ma == mb, "%s: passage %d marks %r on one side, %r on the other" % (name, j, ma, mb))
        expect(len(ma) == n >= 46, "%s: passage %d marks %d characters, the list says %d" % (name, j, len(ma), n))
        # The marks sit on the lines the findings name.
        la = int(re.search(r"本报告第 (\d+) 行", item).group(1))
        lb = int(re.search(r"另一份第 (\d+) 行", item).group(1))
        expect(any(m["line"] == "arc-a-l%d" % la for m in a["marks"] if m["p"] == str(j)) and
               any(m["line"] == "arc-b-l%d" % lb for m in b["marks"] if m["p"] == str(j)),
               "%s: passage %d is not marked at lines %d / %d" % (name, j, la, lb))
    # Copied, not all: the unit's own title stays unmarked.
    expect(kept(a["lines"][0]) != kept("".join(m["text"] for m in a["marks"] if m["line"] == "arc-a-l1")),
           "%s: the whole title is marked" % name)
pair_views = {v["href"] for v in rec["views"]}
expect(len(pair_views) == len(rec["pairs"]), "pair views %s" % sorted(pair_views))
expect(any("-x" in h for h in pair_views), "no pair with a --previous report: %s" % sorted(pair_views))

# ---- each report view: its pairs and its plan table
units = {u["href"]: u for u in rec["planUnits"]}
for k, (path, rep) in enumerate(zip(files, rec["reports"])):
    mine = {x[1] for x in pairs if path in x[1]}
    expect(len(rep["pairs"]) == len(mine), "report %s: %d pairs listed, %d expected" % (path, len(rep["pairs"]), len(mine)))
    nf = not_followed.get(path, [])
    if rep["plan"] is None:
        expect(not nf and "#r%d" % k not in units, "report %s: no plan table" % path)
        continue
    expect(units.get("#r%d" % k, {}).get("items") == rep["plan"],
           "report %s: the overview's plan table differs from the report's" % path)
    bad = [r for r in rep["plan"] if r["cls"] == "not-followed"]
    good = [r for r in rep["plan"] if r["cls"] == "followed"]
    expect(len(bad) == len(nf), "report %s: %d items not followed shown, %d findings" % (path, len(bad), len(nf)))
    for r in bad:
        expect(r["cells"][3] == "未落实" and any(r["cells"][1] in f["message"] for f in nf),
               "report %s: item %r is not a plan.not-followed finding" % (path, r["cells"][1]))
    for r in good:
        expect(r["cells"][3] == "已落实" and re.match(r"第 \d+ 行", r["cells"][4]),
               "report %s: followed item %r without its measure" % (path, r["cells"]))
    expect(good, "report %s: no followed item shown" % path)
    expect(all(re.search(r"第 %d 行" % f["related"]["line"], " ".join(r["cells"][2] for r in bad)) for f in nf),
           "report %s: the plan's lines are not shown" % path)
expect(len(units) == 2, "plan units in the overview: %s" % sorted(units))

if failures:
    print("%d failures" % len(failures))
    sys.exit(1)
print("cross views: %d pairs side by side, %d plan tables" % (len(rec["views"]), len(units)))

"""check_html.py HARNESS_DOM HOSTILE_DOM FINDINGS_JSON SUMMARY_CSV INPUT_DIR HOSTILE_INDEX

Checks what headless Chromium showed of the review report (html_dom.sh):
the harness's record of the overview and of every report view against
archeck's own JSON findings and summary, and the hostile report's view as
a user opens it.  Prints each failure; exits 1 after any."""
import collections
import csv
import html
import json
import os
import re
import sys

harness_dom, hostile_dom, findings_json, summary_csv, indir, hostile_k = sys.argv[1:7]
hostile_k = int(hostile_k)
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def expect(cond, msg):
    if not cond:
        fail(msg)
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


m = re.search(r'<pre id="out">(.*?)</pre>', open(harness_dom, encoding="utf-8").read(), re.S)
if not m or not m.group(1).startswith("{"):
    print("FAIL: the harness did not run:", m.group(1)[:2000] if m else "no output")
    sys.exit(1)
rec = json.loads(html.unescape(m.group(1)))

files = sorted(os.path.join(indir, n) for n in os.listdir(indir))
by_file = collections.defaultdict(list)
for line in open(findings_json, encoding="utf-8"):
    r = json.loads(line)
    by_file[r["file"]].append(r)
summary = {r["file"]: r for r in csv.DictReader(open(summary_csv, encoding="utf-8-sig"))}
sev_index = {"info": 0, "warning": 1, "error": 2}

# ---- the page as a whole: nothing from a report ran or became an element
texts = sum(1 for f in files if summary[f]["status"] == "checked")
for where, page in [("overview", rec["page"]), ("back at the overview", rec["after"])] + [
        ("report %d" % k, r["page"]) for k, r in enumerate(rec["reports"])]:
    expect(page["pwned"] == 0, "%s: a script from a report ran (data-pwned set)" % where)
    expect(page["scripts"].count("") == 1,
           "%s: %d executable scripts, expected the page's own only" % (where, page["scripts"].count("")))
    expect(page["scripts"].count("application/json") == texts + 2,
           "%s: %d data blocks, expected %d" % (where, page["scripts"].count("application/json"), texts + 2))
    expect(page["styles"] == 1, "%s: %d style elements" % (where, page["styles"]))
    expect(page["foreign"] == 0, "%s: %d img/svg/iframe/... elements" % (where, page["foreign"]))
    expect(page["jslinks"] == 0, "%s: javascript: links" % where)

# ---- overview: one row per report, in path order, linked to its view
expect(rec["ready"] == str(len(files)), "data-arc-ready %s, expected %d" % (rec["ready"], len(files)))
expect(len(rec["rows"]) == len(files), "%d rows for %d reports" % (len(rec["rows"]), len(files)))
head = rec["head"]
col = {h: i for i, h in enumerate(head)}
for k, (row, path) in enumerate(zip(rec["rows"], files)):
    s = summary[path]
    cells = row["cells"]
    expect(row["id"] == "arc-row-%d" % k, "row %d id %s" % (k, row["id"]))
    expect(row["href"] == "#r%d" % k, "row %d links to %s" % (k, row["href"]))
    expect(cells[col["文件"]] == path, "row %d file %r, expected %r" % (k, cells[col["文件"]], path))
    title = s["title"] or os.path.basename(path)
    expect(cells[col["标题"]] == title, "row %d title %r, expected %r" % (k, cells[col["标题"]], title))
    expect(cells[col["单位"]] == s["unit"], "row %d unit %r, expected %r" % (k, cells[col["单位"]], s["unit"]))
    expect(cells[col["得分"]] == s["score"], "row %d score %r, expected %r" % (k, cells[col["得分"]], s["score"]))
    for h, key in (("错误", "errors"), ("警告", "warnings"), ("提示", "infos")):
        expect(cells[col[h]] == s[key], "row %d %s %r, expected %r" % (k, h, cells[col[h]], s[key]))
total = sum(len(v) for v in by_file.values())
cards = " ".join(rec["cards"])
expect("%d份报告已检查" % texts in cards, "cards %s: checked count" % cards)
expect("1个文件无法检查" in cards, "cards %s: unreadable count" % cards)
expect(sum(int(re.sub(r"\D", "", c) or 0) for c in rec["chips"]) == total,
       "chips %s do not add up to %d findings" % (rec["chips"], total))
expect(rec["back"], "the back link did not show the overview again")

# ---- every report view: the text, each finding marked and listed
marked = paged = 0
for k, (rep, path) in enumerate(zip(rec["reports"], files)):
    fs = by_file.get(path, [])
    s = summary[path]
    name = "report %d (%s)" % (k, path)
    expect(rep["visible"] and rep["overviewHidden"], "%s: the view did not replace the overview" % name)
    expect(rep["h1"] == (s["title"] or os.path.basename(path)), "%s: heading %r" % (name, rep["h1"]))
    expect(rep["back"] == "#", "%s: back link %r" % (name, rep["back"]))
    expect(rep["list"] == ["#r%d/f%d" % (k, j) for j in range(len(fs))],
           "%s: finding list %s" % (name, rep["list"]))
    if s["status"] != "checked":
        expect(rep["unreadable"] and fs and fs[0]["message"] in rep["unreadable"],
               "%s: the reason is not shown" % name)
        continue
    shown = [t for _, _, t in rep["lines"]]
    # Where a finding is: its line, and its page for a paged format.
    expect(rep["pos"] == ["第 %d 行" % f["line"] + ("（第 %d 页）" % f["page"] if f["page"] else "")
                          if f["line"] else "全文" for f in fs],
           "%s: finding positions %s" % (name, rep["pos"]))
    if path.endswith(".ofd"):
        # The text of a paged report as its reader gave it (the findings'
        # evidence is checked below): page markers from 1, in order, the
        # findings on their pages.
        pages = [int(re.sub(r"\D", "", p)) for p in rep["pages"]]
        expect(len(pages) >= 2 and pages == list(range(1, len(pages) + 1)),
               "%s: page markers %s" % (name, rep["pages"]))
        expect(fs and all(f["page"] >= 1 for f in fs if f["line"]),
               "%s: findings without pages" % name)
        paged += 1
        raw = shown
    else:
        # The text as archeck read it, line for line (the samples are UTF-8).
        raw = open(path, encoding="utf-8").read().split("\n")
        if raw and raw[-1] == "":
            raw.pop()
        expect(shown == [fold(l) for l in raw], "%s: the text differs from the file" % name)
        expect(not rep["pages"], "%s: page markers in a text file" % name)
    expect([i for i, _, _ in rep["lines"]] == ["arc-l%d" % (i + 1) for i in range(len(raw))],
           "%s: line ids" % name)
    for (lid, tag, t) in rep["lines"]:
        if re.match(r"^[一二三四五六七八九十]+、", t or ""):
            expect(tag == "H2", "%s: top-level heading %s shown as %s" % (name, lid, tag))
    expect(len(rep["notes"]) == len(fs), "%s: %d notes for %d findings" % (name, len(rep["notes"]), len(fs)))
    for j, (f, note) in enumerate(zip(fs, rep["notes"])):
        expect(note["id"] == "arc-f%d" % j, "%s: note %d id %s" % (name, j, note["id"]))
        expect("sev-" + f["severity"] in note["cls"], "%s: note %d class %s" % (name, j, note["cls"]))
        expect(f["message"] in note["text"] and f["rule"] in note["text"],
               "%s: note %d does not say %r [%s]" % (name, j, f["message"], f["rule"]))
        if not f["line"]:
            expect(not note["inDoc"], "%s: whole-document finding %d is not at the top" % (name, j))
            continue
        expect(note["inDoc"], "%s: finding %d (line %d) is not beside its line" % (name, j, f["line"]))
        ms = [m for m in rep["marks"] if str(j) in (m["f"] or "").split()]
        if not expect(ms, "%s: finding %d (line %d, %s) is not highlighted" % (name, j, f["line"], f["rule"])):
            continue
        marked += 1
        expect(all(m["line"] == "arc-l%d" % f["line"] for m in ms),
               "%s: finding %d highlighted on %s" % (name, j, [m["line"] for m in ms]))
        ev = fold(f["evidence"]).split("\n")[0]
        text = "".join(m["text"] for m in ms)
        if ev and ev in shown[f["line"] - 1]:
            expect(text == ev, "%s: finding %d highlights %r, its evidence is %r" % (name, j, text, ev))
        worst = max(sev_index[fs[i]["severity"]] for m in ms for i in map(int, m["f"].split()))
        expect(any("sev-" + f["severity"] in m["cls"] or
                   sev_index[f["severity"]] < worst for m in ms),
               "%s: finding %d's highlight has the wrong colour: %s" % (name, j, [m["cls"] for m in ms]))
expect(marked >= 15, "only %d findings highlighted in the samples" % marked)
expect(paged == 1, "%d paged reports checked, expected 1" % paged)

# ---- the hostile report: everything shown as text
rep = rec["reports"][hostile_k]
lines = [t for _, _, t in rep["lines"]]
row = rec["rows"][hostile_k]["cells"]
expect(row[col["单位"]] == "青禾区<svg/onload=body.dataset.pwned=1>", "hostile unit shown as %r" % row[col["单位"]])
expect(rep["h1"].startswith("青禾区<svg/onload="), "hostile title shown as %r" % rep["h1"])
expect("</style><style>body{display:none}</style><script>" in lines[2], "hostile line 3: %r" % lines[2])
expect("\u2028" in lines[7] and "\u2029" in lines[7] and "&lt;实体&gt;" in lines[7],
       "hostile line 8 (U+2028/2029, entities kept): %r" % lines[7])
expect("【此处填写<img src=x onerror=document.body.dataset.pwned=2>】" in lines[7],
       "hostile line 8: %r" % lines[7])
expect(sorted({m["line"] for m in rep["marks"]}) == ["arc-l6", "arc-l8"],
       "the hostile report's findings are not highlighted: %s" % rep["marks"])

dom = open(hostile_dom, encoding="utf-8").read()
expect('data-arc-ready="%d"' % len(files) in dom, "the hostile report's page did not finish")
expect("data-pwned" not in dom, "a script from the report ran (data-pwned in the DOM)")
expect(dom.count("<script") == texts + 3, "%d script elements in the page" % dom.count("<script"))
for tag in ("<svg", "<img", "<style>body", "<iframe"):
    expect(tag not in dom, "%s in the page's DOM" % tag)
expect("&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;" in dom,
       "the hostile text is not shown as text")
expect('<main class="report">' in dom and "hidden" not in dom.split('<main class="report"')[1][:40],
       "the hostile report's view is not shown")

if failures:
    print("%d failures" % len(failures))
    sys.exit(1)
print("review report: %d reports, %d findings, %d highlighted, hostile text inert" %
      (len(files), total, marked))

"""xlsx_read.py WORKBOOK FINDINGS_JSON SUMMARY_CSV [--resaved]

Reads the workbook (-f xlsx) back with openpyxl, an independent reader,
and compares it with archeck's JSON findings and CSV summary of the same
batch: sheets 汇总 / 明细 / 规则, header rows frozen, autofilters over
every row, column widths that fit the text, numbers as numbers, dates as
dates, texts as text (a cell starting with = stays a string), each 汇总 row
linked to its report's first row in 明细, severities coloured, every rule
counted.  With --resaved the workbook is LibreOffice's re-save of ours
(column widths and frozen panes are not compared: headless LibreOffice has
no view to keep panes in).  Exits 1 after any
failure."""
import collections
import csv
import datetime
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter

path, findings_json, summary_csv = sys.argv[1:4]
resaved = "--resaved" in sys.argv[4:]
failures = []


def expect(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond


def width(s):
    return sum(2 if ord(c) >= 0x1100 else 1 for c in str(s))


findings = [json.loads(l) for l in open(findings_json, encoding="utf-8", errors="replace")]
by_file = collections.defaultdict(list)
for f in findings:
    by_file[f["file"]].append(f)


def uncsv(v):
    """The CSV neutralises a cell starting with = + - @ with a quote mark;
    the workbook needs not (its texts are never formulas)."""
    return v[1:] if v[:1] == "'" and v[1:2] and v[1] in "=+-@\t\r" else v


summary = [{k: uncsv(v) for k, v in r.items()}
           for r in csv.DictReader(open(summary_csv, encoding="utf-8-sig", errors="replace"))]
injected = [r for r in summary if r["title"].startswith("=") and r["unit"].startswith("=")]
expect(len(injected) == 1, "the batch has no report whose title and unit start with =")

wb = openpyxl.load_workbook(path)
expect(wb.sheetnames[:3] == ["汇总", "明细", "规则"], "sheets %s" % wb.sheetnames)
SEV = {"error": "错误", "warning": "警告", "info": "提示"}
FILL = {"错误": "FDE3E0", "警告": "FFEAB0", "提示": "E2EDFA"}

for ws in wb.worksheets[:3]:
    # Panes are view settings, which headless LibreOffice (no view) drops.
    expect(resaved or ws.freeze_panes == "A2", "%s: frozen panes %r" % (ws.title, ws.freeze_panes))
    ref = "A1:%s%d" % (get_column_letter(ws.max_column), ws.max_row)
    expect(ws.auto_filter.ref == ref, "%s: autofilter %r, expected %r" % (ws.title, ws.auto_filter.ref, ref))
    for row in ws.iter_rows():
        for c in row:
            expect(c.data_type != "f", "%s!%s is a formula: %r" % (ws.title, c.coordinate, c.value))
    if not resaved:
        # Every column fits its header and (up to 60) its longest text.
        for col in range(1, ws.max_column + 1):
            letter = get_column_letter(col)
            dim = ws.column_dimensions[letter]
            longest = max((width(c.value) for c in ws[letter] if isinstance(c.value, str)), default=0)
            expect(dim.width and dim.width >= min(longest, 58),
                   "%s column %s: width %s for text %d wide" % (ws.title, letter, dim.width, longest))


def header(ws):
    return {c.value: c.column - 1 for c in ws[1]}


# ---- 明细: one row per finding, in the audit's order
det = wb["明细"]
h = header(det)
rows = list(det.iter_rows(min_row=2))
expect(len(rows) == len(findings), "明细: %d rows for %d findings" % (len(rows), len(findings)))
first_row = {}
for i, (row, f) in enumerate(zip(rows, findings)):
    n = i + 2
    first_row.setdefault(f["file"], n)
    v = [c.value for c in row]
    expect(v[h["文件"]] == f["file"], "明细 row %d file %r != %r" % (n, v[h["文件"]], f["file"]))
    expect("列" not in h, "明细 has a column column")
    for col, key in (("行", "line"), ("页", "page")):
        want = f[key] if f[key] else None
        got = row[h[col]]
        expect(got.value == want and (want is None or got.data_type == "n"),
               "明细 row %d %s %r (%s), expected %r" % (n, col, got.value, got.data_type, want))
    sev = row[h["级别"]]
    expect(sev.value == SEV[f["severity"]], "明细 row %d severity %r" % (n, sev.value))
    expect(FILL[sev.value] in str(sev.fill.fgColor.rgb), "明细 row %d severity colour %s" % (n, sev.fill.fgColor.rgb))
    expect(v[h["规则"]] == f["rule"], "明细 row %d rule %r" % (n, v[h["规则"]]))
    expect(v[h["说明"]] == f["message"], "明细 row %d message %r" % (n, v[h["说明"]]))
    expect((v[h["原文"]] or "") == f["evidence"], "明细 row %d evidence %r" % (n, v[h["原文"]]))
    for c in row:
        expect(c.value is None or isinstance(c.value, int) or c.data_type == "s",
               "明细!%s is not text: %r" % (c.coordinate, c.value))

# ---- 汇总: one row per report, linked to its first finding
sm = wb["汇总"]
h = header(sm)
rows = list(sm.iter_rows(min_row=2))
expect(len(rows) == len(summary), "汇总: %d rows for %d reports" % (len(rows), len(summary)))
for i, (row, s) in enumerate(zip(rows, summary)):
    n = i + 2
    v = {k: row[c] for k, c in h.items()}
    expect(v["文件"].value == s["file"] and v["文件"].data_type == "s",
           "汇总 row %d file %r != %r" % (n, v["文件"].value, s["file"]))
    expect((v["标题"].value or "") == s["title"], "汇总 row %d title %r" % (n, v["标题"].value))
    expect((v["单位"].value or "") == s["unit"], "汇总 row %d unit %r" % (n, v["单位"].value))
    year = v["报告年度"].value
    expect((str(year) if year is not None else "") == s["report_year"] and
           (year is None or isinstance(year, int)), "汇总 row %d year %r" % (n, year))
    pub = v["发布日期"].value
    if s["published"]:
        expect(isinstance(pub, datetime.datetime) and pub.strftime("%Y-%m-%d") == s["published"] and
               v["发布日期"].is_date, "汇总 row %d date %r (%s), expected %s" %
               (n, pub, v["发布日期"].number_format, s["published"]))
    else:
        expect(pub is None, "汇总 row %d date %r, expected none" % (n, pub))
    for col, key in (("错误", "errors"), ("警告", "warnings"), ("提示", "infos"), ("得分", "score")):
        got = v[col].value
        expect((str(got) if got is not None else "") == s[key] and (got is None or isinstance(got, int)),
               "汇总 row %d %s %r, expected %r" % (n, col, got, s[key]))
    expect(v["状态"].value == ("已检查" if s["status"] == "checked" else "无法检查"),
           "汇总 row %d status %r" % (n, v["状态"].value))
    link = v["明细"].hyperlink
    if s["file"] in first_row:
        want = "'明细'!A%d" % first_row[s["file"]]
        expect(link is not None and link.location == want,
               "汇总 row %d links to %r, expected %r" % (n, link.location if link else None, want))
        expect(v["明细"].value == "查看 %d 条" % len(by_file[s["file"]]), "汇总 row %d link text %r" % (n, v["明细"].value))
    else:
        expect(link is None, "汇总 row %d (no findings) has a link" % n)

# ---- 规则: every rule that found something, counted
rl = wb["规则"]
h = header(rl)
counts = collections.Counter(f["rule"] for f in findings)
reports = {r: len({f["file"] for f in findings if f["rule"] == r}) for r in counts}
seen = {}
for row in rl.iter_rows(min_row=2):
    seen[row[h["规则"]].value] = row
for rule, k in counts.items():
    row = seen.get(rule)
    if expect(row is not None, "规则: no row for %s" % rule):
        expect(row[h["问题数"]].value == k and row[h["涉及报告数"]].value == reports[rule],
               "规则 %s: %r findings in %r reports, expected %d in %d" %
               (rule, row[h["问题数"]].value, row[h["涉及报告数"]].value, k, reports[rule]))
        expect(row[h["说明"]].value, "规则 %s: no description" % rule)
for rule, row in seen.items():
    if rule not in counts:
        expect(row[h["问题数"]].value == 0, "规则 %s counts findings that are not there" % rule)

if failures:
    print("%d failures" % len(failures))
    sys.exit(1)
print("%s: %d reports, %d findings, %d links%s" % (
    path, len(summary), len(findings), len(first_row), " (LibreOffice re-save)" if resaved else ""))

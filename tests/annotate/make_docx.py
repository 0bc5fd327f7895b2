#!/usr/bin/python3
"""make_docx.py OUTDIR SRC.txt... - Word documents for the annotated-copy
test, written with python-docx (an independent writer):

- NAME.docx for each SRC.txt: the first line in the Title style, every
  other line a paragraph whose text is cut into runs of 3 to 9 characters,
  every other run bold, so that comment anchors fall inside runs;
- tracked.docx from the first SRC: as above, plus an existing comment by
  another author on the second paragraph, a tracked insertion and a
  tracked deletion, a hyperlink run, a tab and "&" in the text (so that
  a split lands after an entity)."""
import copy
import os
import sys
import zipfile

import docx
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def build(lines):
    d = docx.Document()
    d.add_paragraph(lines[0], style="Title")
    for i, line in enumerate(lines[1:]):
        p = d.add_paragraph()
        k, step = 0, 3 + i % 7
        while k < len(line):
            r = p.add_run(line[k:k + step])
            r.bold = (k // step) % 2 == 0
            k += step
    return d


def add_tracked(path):
    """Adds a comment, tracked changes, a hyperlink, a tab and '&'."""
    z = zipfile.ZipFile(path)
    parts = {n: z.read(n) for n in z.namelist()}
    z.close()
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(qn("w:body"))
    ps = body.findall(qn("w:p"))

    def el(tag, **attrs):
        e = etree.Element(qn(tag))
        for k, v in attrs.items():
            e.set(qn(k), v)
        return e

    def run(text):
        r = el("w:r")
        t = etree.SubElement(r, qn("w:t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    # An existing comment (id 5) on the whole second paragraph.
    p = ps[1]
    p.insert(0, el("w:commentRangeStart", **{"w:id": "5"}))
    p.append(el("w:commentRangeEnd", **{"w:id": "5"}))
    ref = el("w:r")
    ref.append(el("w:commentReference", **{"w:id": "5"}))
    p.append(ref)
    # Tracked changes, a hyperlink, a tab and an ampersand: third paragraph.
    p = ps[2]
    ins = el("w:ins", **{"w:id": "90", "w:author": "起草人", "w:date": "2026-03-01T09:00:00Z"})
    ins.append(run("（新增一句）"))
    p.append(ins)
    dl = el("w:del", **{"w:id": "91", "w:author": "起草人", "w:date": "2026-03-01T09:00:00Z"})
    dr = el("w:r")
    dt = etree.SubElement(dr, qn("w:delText"))
    dt.text = "删去的文字"
    dl.append(dr)
    p.append(dl)
    hl = etree.SubElement(p, qn("w:hyperlink"))
    hl.set(qn("w:anchor"), "top")
    hl.append(run("链接文字"))
    tabbed = run("A&B")
    tabbed.insert(0, el("w:tab"))
    p.append(tabbed)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True,
                                                encoding="UTF-8", standalone=True)
    parts["word/comments.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:comments xmlns:w="%s"><w:comment w:id="5" w:author="审核人" w:initials="SH" '
        'w:date="2026-03-02T10:00:00Z"><w:p><w:r><w:t>请核对开头一段。</w:t></w:r></w:p>'
        '</w:comment></w:comments>' % W).encode("utf-8")
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
    rel.set("Id", "rId99")
    rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments")
    rel.set("Target", "comments.xml")
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True,
                                                           encoding="UTF-8", standalone=True)
    ct = etree.fromstring(parts["[Content_Types].xml"])
    ov = etree.SubElement(ct, "{http://schemas.openxmlformats.org/package/2006/content-types}Override")
    ov.set("PartName", "/word/comments.xml")
    ov.set("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml")
    parts["[Content_Types].xml"] = etree.tostring(ct, xml_declaration=True,
                                                  encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for i, src in enumerate(sys.argv[2:]):
        lines = open(src, encoding="utf-8").read().rstrip("\n").split("\n")
        name = os.path.splitext(os.path.basename(src))[0]
        build(lines).save(os.path.join(out, name + ".docx"))
        if i == 0:
            path = os.path.join(out, "tracked.docx")
            build(lines).save(path)
            add_tracked(path)


main()

#!/usr/bin/env python3
"""make_office.py OUTDIR - writes OUTDIR/rich.docx, a complete Word package
(content types, relationships, styles, numbering) that LibreOffice opens, and
OUTDIR/rich.expected: the lines a reader of the document should give, one
per paragraph or table cell, each as "LEVEL<TAB>TEXT" (LEVEL = the outline
level, 0 for body text).

office_fixtures.sh converts rich.docx to .doc, .odt and .rtf with LibreOffice;
the unit suites of those readers compare what they read with rich.expected.
The document holds what real reports hold and plain text cannot: heading
styles, automatic numbering (一、 （一） 1.) that restarts, a table with an
empty cell, a field, tracked changes, hidden text, a footnote, tabs, breaks.
Its wording is invented for the tests."""
import html
import os
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def esc(s):
    return html.escape(s, quote=False)


def run(text, rpr=""):
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (
        "<w:rPr>%s</w:rPr>" % rpr if rpr else "", esc(text))


def para(content, style=None, num=None, extra=""):
    ppr = ""
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if num:
        ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (num[1], num[0])
    ppr += extra
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", content)


def cell(content):
    return ('<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>%s</w:tc>'
            % (content or "<w:p/>"))


def build():
    """(document body XML, expected lines)."""
    body, want = [], []

    def add(xml, level, text):
        body.append(xml)
        want.append((level, text))

    add(para(run("青禾区人民政府关于2025年度法治政府建设情况的报告"), "Title"), 0,
        "青禾区人民政府关于2025年度法治政府建设情况的报告")
    add(para(run("发布日期：2026-03-20")), 0, "发布日期：2026-03-20")
    add(para(run("2025年推进法治政府建设的主要举措和成效"), "Heading1", (1, 0)), 1,
        "一、2025年推进法治政府建设的主要举措和成效")
    add(para(run("加强组织领导"), "Heading2", (1, 1)), 2, "（一）加强组织领导")
    # Runs split mid-sentence, a bold run, a tab, a manual line break, a
    # no-break space and typographic punctuation.
    add(para(run("全年召开常务会议") + run("专题研究", "<w:b/>") + run("法治建设4次，")
             + '<w:r><w:tab/></w:r>' + run("制定“任务清单”")
             + '<w:r><w:br/></w:r>' + run("共38项\u00a0任务——均已完成。")), 0,
        "全年召开常务会议专题研究法治建设4次， 制定“任务清单” 共38项\u00a0任务——均已完成。")
    # A field: only its result is text.  (A hyperlink: page numbers and
    # dates are recomputed or left stale by the converting program.)
    add(para(run("详见")
             + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             + '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://example.invalid/fb" </w:instrText></w:r>'
             + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             + run("附表一")
             + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
             + run("。")), 0, "详见附表一。")
    # Tracked changes: the deletion is not text, the insertion is.
    add(para(run("共清理规范性文件")
             + '<w:del w:id="1" w:author="审核" w:date="2026-01-05T00:00:00Z"><w:r>'
               '<w:delText>100</w:delText></w:r></w:del>'
             + '<w:ins w:id="2" w:author="审核" w:date="2026-01-05T00:00:00Z">'
             + run("120") + '</w:ins>' + run("件。")), 0, "共清理规范性文件120件。")
    # Hidden text and a footnote: neither is body text.
    add(para(run("草稿批注", "<w:vanish/>") + run("依法公开政府信息2380条")
             + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
               '<w:footnoteReference w:id="1"/></w:r>' + run("。")), 0,
        "依法公开政府信息2380条。")
    add(para(run("健全依法决策机制"), "Heading2", (1, 1)), 2, "（二）健全依法决策机制")
    add(para(run("依法办理行政复议案件。"), None, (1, 2)), 0, "1.依法办理行政复议案件。")
    add(para(run("做好行政应诉工作。"), None, (1, 2)), 0, "2.做好行政应诉工作。")
    # A table: one line per cell paragraph, the empty cell included.
    rows = [("项目", "数量"), ("行政复议", "200件"), ("行政应诉", "")]
    tbl = ['<w:tbl><w:tblPr><w:tblW w:w="6000" w:type="dxa"/></w:tblPr>'
           '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>']
    for a, b in rows:
        tbl.append("<w:tr>%s%s</w:tr>" % (cell(para(run(a))), cell(para(run(b)) if b else "")))
        want.append((0, a))
        want.append((0, b))
    tbl.append("</w:tbl>")
    body.append("".join(tbl))
    add(para(run("表后说明。")), 0, "表后说明。")
    add(para(run("2025年推进法治政府建设存在的不足和原因"), "Heading1", (1, 0)), 1,
        "二、2025年推进法治政府建设存在的不足和原因")
    # A second list of the same abstract numbering restarted by
    # w:lvlOverride/w:startOverride: 1. again.
    add(para(run("基层执法力量不足。"), None, (2, 0)), 0, "1.基层执法力量不足。")
    add(para(run("原因在于编制紧张。"), None, (2, 0)), 0, "2.原因在于编制紧张。")
    add(para(run("复议纠错率偏高。"), None, (3, 0)), 0, "1.复议纠错率偏高。")
    # A page break inside a paragraph, then a paragraph after it.
    add(para(run("第一段落") + '<w:r><w:br w:type="page"/></w:r>'), 0, "第一段落")
    add(para(run("2026年推进法治政府建设的主要安排"), "Heading1", (1, 0)), 1,
        "三、2026年推进法治政府建设的主要安排")
    add(para(run("一是持续完善制度。")), 0, "一是持续完善制度。")
    add(para(run("青禾区人民政府")), 0, "青禾区人民政府")
    add(para(run("2026年3月20日")), 0, "2026年3月20日")
    return "".join(body), want


STYLES = DECL + '<w:styles %s>' % W + (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>'
    '</w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>'
    '<w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference">'
    '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
    '<w:basedOn w:val="Normal"/></w:style>'
    '</w:styles>')


def lvl(i, fmt, text, start=1):
    return ('<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/>'
            '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
            % (i, start, fmt, text))


NUMBERING = DECL + '<w:numbering %s>' % W + (
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
    + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
    + lvl(2, "decimal", "%3.") + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>'
    + lvl(0, "decimal", "%1.") + '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '</w:numbering>')

FOOTNOTES = DECL + '<w:footnotes %s>' % W + (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> 脚注内容不是正文。</w:t></w:r></w:p></w:footnote>'
    '</w:footnotes>')

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footnotes+xml"/>'
    '</Types>')

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')

DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/footnotes" Target="footnotes.xml"/>'
    '</Relationships>')


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    body, want = build()
    document = (DECL + '<w:document %s %s><w:body>%s<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '</w:sectPr></w:body></w:document>' % (W, R, body))
    with zipfile.ZipFile(os.path.join(out, "rich.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/footnotes.xml", FOOTNOTES)
    with open(os.path.join(out, "rich.expected"), "w", encoding="utf-8") as f:
        for level, text in want:
            f.write("%d\t%s\n" % (level, text))


if __name__ == "__main__":
    main()

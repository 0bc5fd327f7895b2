#!/usr/bin/env python3
"""make_fixtures.py SRC.txt OUTDIR - writes the same report as OUTDIR/NAME.docx
and OUTDIR/NAME.html, so that a test can check that every format gives the
same findings.

The .docx uses Word automatic numbering for 一、 and (一) headings (the
labels are not in the paragraph text, only in numbering.xml), an outline
level on top-level headings, a table holding one paragraph, and an empty
paragraph.  The .html is a government page: navigation, breadcrumb, a
字体【大 中 小】 widget, an 索引号 table, a footer and a script around an
article div, with ArticleTitle / PubDate / ContentSource meta tags."""
import html
import os
import re
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CN = "一二三四五六七八九十"


def docx(lines, path):
    def run(text):
        return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % html.escape(text, quote=False)

    # One list for the whole document, so that (一) restarts under each
    # 一、 as in Word; its sub-level brackets follow the text's width.
    full = any(l.startswith("（") for l in lines)
    num = 3 if full else 1
    body = []
    for i, line in enumerate(lines):
        m1 = re.match(r"^([一二三四五六七八九十]+)、(.*)$", line)
        m2 = re.match(r"^([(（])([一二三四五六七八九十]+)([)）])(.*)$", line)
        if m1:
            # Top level: numbering list 1, level 0, outline level 1.
            body.append('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>'
                        '<w:outlineLvl w:val="0"/></w:pPr>%s</w:p>' % (num, run(m1.group(2))))
        elif m2:
            body.append('<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="%d"/></w:numPr>'
                        '</w:pPr>%s</w:p>' % (num, run(m2.group(4))))
        elif i == 3:
            # One paragraph inside a table cell, then an empty paragraph.
            body.append('<w:tbl><w:tr><w:tc><w:p>%s</w:p></w:tc></w:tr></w:tbl>' % run(line))
        else:
            body.append("<w:p>%s</w:p>" % run(line))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' % (W, "".join(body)))

    def lvl(ilvl, text):
        return ('<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                '<w:lvlText w:val="%s"/></w:lvl>' % (ilvl, text))
    # Lists 1 and 3 differ in the sub-level's bracket width.
    numbering = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s>'
                 '<w:abstractNum w:abstractNumId="0">%s%s</w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="1">%s%s</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
                 '</w:numbering>' % (W, lvl(0, "%1、"), lvl(1, "(%2)"), lvl(0, "%1、"), lvl(1, "（%2）")))
    ctypes = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="xml" ContentType="application/xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ctypes)
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)


def page(lines, path):
    title = lines[0]
    pub = ""
    body = []
    for line in lines[1:]:
        m = re.match(r"^发布日期[:：](\S+)", line)
        if m:
            pub = m.group(1)
            continue
        body.append("<p>%s</p>" % html.escape(line))
    doc = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="%(t)s">
<meta name="PubDate" content="%(p)s 09:30">
<meta name="ContentSource" content="青禾区人民政府办公室">
<title>%(t)s - 青禾区人民政府网</title>
<style>body{font-size:14px}</style>
<script>var x = "当前位置 script";</script></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zw">政务公开</a> <a href="/fg">法规文件</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<table class="xxgk"><tr><td>索引号：QH-2026-00001</td><td>发布机构：青禾区人民政府</td></tr></table>
<div class="font">字体【<a>大</a> <a>中</a> <a>小</a>】 <a>打印</a> <a>关闭</a></div>
<div class="content"><h1>%(t)s</h1>
%(b)s
</div>
<div class="footer">主办：青禾区人民政府办公室　网站标识码：0000000000</div>
</body></html>
""" % {"t": html.escape(title), "p": pub, "b": "\n".join(body)}
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)


def main():
    src, out = sys.argv[1], sys.argv[2]
    lines = [l.rstrip("\r\n") for l in open(src, encoding="utf-8")]
    lines = [l for l in lines if l.strip()]
    name = os.path.splitext(os.path.basename(src))[0]
    os.makedirs(out, exist_ok=True)
    docx(lines, os.path.join(out, name + ".docx"))
    page(lines, os.path.join(out, name + ".html"))


if __name__ == "__main__":
    main()

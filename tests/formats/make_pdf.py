#!/usr/bin/env python3
"""make_pdf.py OUTDIR - PDFs for the PDF reader's tests, made by LibreOffice
from flat ODF documents written here with our own text:

  paragraphs.pdf  left-aligned paragraphs, numbered headings, a paragraph of
                  Latin words (line breaks between words), no page furniture
  furniture.pdf   official-document style (justified, two-character first
                  line indent), a running header, "- N -" page numbers, a
                  paragraph longer than a page, a forced page break
  pagecount.pdf   "第N页 共M页" page numbers and a header, three pages
  scan.pdf        a page that is only an image (a scan)
  scan-numbered.pdf  image pages with a page number as their only text
  encrypted.pdf   paragraphs.pdf with a password to open it
  unmapped.pdf    written here: text in a font whose Unicode map gives
                  private-use code points (glyph numbers, no text)

For each NAME.pdf with text, NAME.expected holds the paragraphs the reader
must give, one per line as PAGE<TAB>TEXT (PAGE 0: not checked).

Fixtures are cached: nothing is done when OUTDIR/stamp names this script's
hash.  Exits 77 (skip) when LibreOffice is not installed."""
import base64
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink"')
FONT = "Noto Serif CJK SC"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fodt(paras, header=None, footer=None, official=False):
    """paras: list of (style, text) with style None, "title" (centred),
    "break" (on a new page), "latin" (English: lines break between words)
    or "xml" (text is markup); footer: XML of the footer paragraph."""
    align = "justify" if official else "start"
    indent = "0.84cm" if official else "0cm"
    hf = ""
    if header:
        hf += '<style:header><text:p text:style-name="C">%s</text:p></style:header>' % esc(header)
    if footer:
        hf += '<style:footer><text:p text:style-name="C">%s</text:p></style:footer>' % footer
    body = []
    for style, text in paras:
        name = {"title": ' text:style-name="C"', "break": ' text:style-name="B"',
                "latin": ' text:style-name="L"'}.get(style, "")
        body.append("<text:p%s>%s</text:p>" % (name, text if style == "xml" else esc(text)))
    return """<?xml version="1.0" encoding="UTF-8"?>
<office:document %(ns)s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="%(font)s" svg:font-family="'%(font)s'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph">
<style:paragraph-properties fo:text-align="%(align)s" fo:text-indent="%(indent)s" fo:margin-top="0cm" fo:margin-bottom="0cm"/>
<style:text-properties style:font-name="%(font)s" fo:font-size="14pt" style:font-name-asian="%(font)s" style:font-size-asian="14pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
</style:default-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1">
<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.6cm" fo:margin-right="2.6cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm"/></style:footer-style>
</style:page-layout>
<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:text-indent="0cm"/></style:style>
<style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="L" style:family="paragraph"><style:text-properties fo:language="en" fo:country="US"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">%(hf)s</style:master-page></office:master-styles>
<office:body><office:text>
%(body)s
</office:text></office:body></office:document>
""" % {"ns": NS, "font": FONT, "align": align, "indent": indent, "hf": hf, "body": "\n".join(body)}


def png(width, height):
    """A grey page with dark bars where lines of print would be."""
    rows = []
    for y in range(height):
        bar = (y // 6) % 3 == 1 and 20 < y < height - 20
        row = bytes([0]) + bytes(40 if bar and 16 < x < width - 16 else 235 for x in range(width))
        rows.append(row)
    raw = zlib.compress(b"".join(rows))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def image_para():
    data = base64.b64encode(png(300, 400)).decode()
    return ('<draw:frame draw:name="scan" text:anchor-type="as-char" svg:width="15cm" svg:height="20cm">'
            '<draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>' % data)


# Our own wording, written for these tests.
LATIN = ("The readers turn positioned text into paragraphs and keep one space between "
         "Latin words when a line breaks between them, so that words such as layout, "
         "margin, header, footer, paragraph, heading and page stay apart after joining "
         "the lines of this long paragraph again.")


def sentence(i):
    return "第%d句说明示例单位在年度内开展的工作及其结果，" % i


def long_para(tag, n):
    return tag + "".join(sentence(i) for i in range(1, n)) + "本段至此结束。"


def documents():
    docs = {}
    paras = [
        ("title", "示例单位年度工作情况的说明"),
        (None, "一、总体情况"),
        (None, long_para("本段用于检查换行拼接：", 9)),
        (None, "（一）主要做法"),
        (None, "1.建立台账"),
        (None, long_para("本段也跨越多行：", 7)),
        (None, "(1)逐项核对"),
        (None, "一是按月汇总，二是按季通报。"),
        ("latin", LATIN),
        (None, "二、下一步安排"),
        (None, "继续做好相关工作。"),
    ]
    docs["paragraphs"] = (fodt(paras), [(0, t) for _, t in paras])

    paras = [
        ("title", "示例单位年度工作报告"),
        (None, long_para("第一段：", 6)),
        (None, long_para("跨页段落：", 70)),
        (None, long_para("第三段：", 8)),
        ("break", long_para("分页后的段落：", 5)),
        (None, "一、另起一行的标题"),
        (None, long_para("最后一段：", 12)),
    ]
    # The long paragraph starts on page 1 and ends on page 2, where the
    # third one follows; the break puts the rest on page 3.
    expected = [(1, paras[0][1]), (1, paras[1][1]), (1, paras[2][1]), (2, paras[3][1]),
                (3, paras[4][1]), (3, paras[5][1]), (3, paras[6][1])]
    footer = '- <text:page-number text:select-page="current"/> -'
    docs["furniture"] = (fodt(paras, header="示例单位年度工作报告（内部页眉）", footer=footer,
                              official=True), expected)

    paras = [(None, long_para("甲页：", 10)), ("break", long_para("乙页：", 10)),
             ("break", long_para("丙页：", 10))]
    footer = ('第<text:page-number text:select-page="current"/>页 共'
              '<text:page-count/>页')
    docs["pagecount"] = (fodt(paras, header="示例页眉", footer=footer),
                         [(1, paras[0][1]), (2, paras[1][1]), (3, paras[2][1])])

    docs["scan"] = (fodt([("xml", image_para())]), None)
    docs["scan-numbered"] = (fodt([("xml", image_para()), ("break", ""), ("xml", image_para())],
                                  footer='- <text:page-number text:select-page="current"/> -'), None)
    return docs


def unmapped_pdf():
    """A PDF by hand: Helvetica with a ToUnicode map sending A-Z to U+E001…,
    as obfuscating producers do."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            b"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def "
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
            b"1 begincodespacerange <00> <FF> endcodespacerange "
            b"1 beginbfrange <41> <5A> <E001> endbfrange "
            b"endcmap CMapName currentdict /CMapResource defineresource pop end end")
    text = b"BT /F1 12 Tf 72 700 Td (ABCDEFGHIJKLMN) Tj 0 -20 Td (OPQRSTUVWXYZ) Tj ET"
    objs = [b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
            b"/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
            b"<</Length %d>>stream\n%s\nendstream" % (len(text), text),
            b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode 6 0 R>>",
            b"<</Length %d>>stream\n%s\nendstream" % (len(cmap), cmap)]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def soffice(src_dir, out_dir, profile, files, filt="pdf"):
    cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless",
           "--norestore", "--convert-to", filt, "--outdir", out_dir] + files
    subprocess.run(cmd, cwd=src_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=600, check=False)


def main():
    out = sys.argv[1]
    if not shutil.which("soffice"):
        print("make_pdf.py: LibreOffice (soffice) is not installed", file=sys.stderr)
        return 77
    with open(__file__, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest()
    try:
        with open(os.path.join(out, "stamp")) as f:
            if f.read().strip() == stamp:
                return 0
    except OSError:
        pass
    parent = os.path.dirname(os.path.abspath(out))
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix="make_pdf-", dir=parent)
    try:
        src = os.path.join(work, "src")
        dst = os.path.join(work, "out")
        os.makedirs(src)
        os.makedirs(dst)
        profile = os.path.join(parent, "lo-profile-make_pdf")
        files = []
        for name, (doc, expected) in documents().items():
            with open(os.path.join(src, name + ".fodt"), "w", encoding="utf-8") as f:
                f.write(doc)
            files.append(name + ".fodt")
            if expected is not None:
                with open(os.path.join(dst, name + ".expected"), "w", encoding="utf-8") as f:
                    for page, text in expected:
                        f.write("%d\t%s\n" % (page, text))
        soffice(src, dst, profile, files)
        # The same paragraphs, with a password needed to open them.
        shutil.copy(os.path.join(src, "paragraphs.fodt"), os.path.join(src, "encrypted.fodt"))
        soffice(src, dst, profile, ["encrypted.fodt"],
                'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
        with open(os.path.join(dst, "unmapped.pdf"), "wb") as f:
            f.write(unmapped_pdf())
        for name in list(documents()) + ["encrypted"]:
            if not os.path.exists(os.path.join(dst, name + ".pdf")):
                print("make_pdf.py: LibreOffice did not write %s.pdf" % name, file=sys.stderr)
                return 1
        with open(os.path.join(dst, "stamp"), "w") as f:
            f.write(stamp + "\n")
        shutil.rmtree(out, ignore_errors=True)
        os.rename(dst, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""make_ofd.py - OFD (GB/T 33190) files for the tests, zip + XML written
here, with our own text.

  make_ofd.py OUTDIR           the OFD reader's fixtures (cached: nothing is
                               done when OUTDIR/stamp names this script's hash)
  make_ofd.py --from SRC.txt OUT.ofd
                               a text report laid out as an official document
                               (title centred, paragraphs with a two-character
                               indent, "— N —" page numbers)

Text is laid out in lines of positioned glyphs; lines are written in turn
as one TextObject with DeltaX (including the "g N d" shorthand), one
TextObject per glyph, a TextObject scaled by its CTM, two TextObjects, and
one TextObject with two TextCodes.  For each fixture NAME.ofd with text,
NAME.expected holds the paragraphs the reader must give, one per line, as
PAGE<TAB>TEXT."""
import hashlib
import math
import os
import random
import shutil
import struct
import sys
import tempfile
import zipfile

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT = 28.0, 26.0
SIZE = 5.6           # 16 pt body text
TITLE_SIZE = 7.7     # 22 pt title
PITCH = 10.2         # 28 pt line spacing
TOP, BOTTOM = 37.0, 262.0
WIDTH = PAGE_W - LEFT - RIGHT


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def num(v):
    return ("%.3f" % v).rstrip("0").rstrip(".")


def adv(ch, size):
    return size if ord(ch) >= 0x1100 else size / 2


def deltas(chars, size, scale=1.0, shorthand=True):
    """DeltaX for chars: the advance from each glyph to the next."""
    vals = [num(adv(c, size) * scale) for c in chars[:-1]]
    if not shorthand:
        return " ".join(vals)
    out, i = [], 0
    while i < len(vals):
        j = i
        while j < len(vals) and vals[j] == vals[i]:
            j += 1
        out.append("g %d %s" % (j - i, vals[i]) if j - i > 2 else " ".join(vals[i:j]))
        i = j
    return " ".join(out)


class Writer:
    def __init__(self):
        self.next_id = 100
        self.style = 0

    def ident(self):
        self.next_id += 1
        return self.next_id

    def obj(self, x, base, text, size, ctm=None, codes=None):
        """A TextObject whose first glyph's origin is (x, base) on the page."""
        asc = 0.88 * size
        w = sum(adv(c, size) for c in text)
        scale = 1.0
        attrs = ""
        if ctm:
            scale = 1 / ctm
            attrs = ' CTM="%s 0 0 %s 0 0"' % (num(ctm), num(ctm))
        if codes is None:
            codes = ['<ofd:TextCode X="0" Y="%s" DeltaX="%s">%s</ofd:TextCode>'
                     % (num(asc * scale), deltas(text, size, scale), esc(text))]
        return ('<ofd:TextObject ID="%d" Boundary="%s %s %s %s" Font="2" Size="%s"%s>'
                '<ofd:FillColor Value="0 0 0"/>%s</ofd:TextObject>'
                % (self.ident(), num(x), num(base - asc), num(w), num(size * 1.2),
                   num(size * scale), attrs, "".join(codes)))

    def line(self, x, base, text, size):
        """One line of text, written in the next of five ways."""
        self.style = (self.style + 1) % 5
        s = self.style
        if s == 0 or len(text) < 4:
            return [self.obj(x, base, text, size)]
        if s == 1:  # one object per glyph
            out = []
            for c in text:
                out.append(self.obj(x, base, c, size))
                x += adv(c, size)
            return out
        if s == 2:  # scaled by its CTM
            return [self.obj(x, base, text, size, ctm=0.5)]
        if s == 3:  # two objects; the second without DeltaX
            k = len(text) // 2
            first = self.obj(x, base, text[:k], size)
            x2 = x + sum(adv(c, size) for c in text[:k])
            asc = 0.88 * size
            code = '<ofd:TextCode X="0" Y="%s">%s</ofd:TextCode>' % (num(asc), esc(text[k:]))
            return [first, self.obj(x2, base, text[k:], size, codes=[code])]
        # one object, two TextCodes, the second with X only
        k = len(text) // 2
        asc = 0.88 * size
        x2 = sum(adv(c, size) for c in text[:k])
        codes = ['<ofd:TextCode X="0" Y="%s" DeltaX="%s">%s</ofd:TextCode>'
                 % (num(asc), deltas(text[:k], size, shorthand=False), esc(text[:k])),
                 '<ofd:TextCode X="%s" DeltaX="%s">%s</ofd:TextCode>'
                 % (num(x2), deltas(text[k:], size), esc(text[k:]))]
        return [self.obj(x, base, text, size, codes=codes)]


def wrap(text, width, size, indent):
    lines, cur, w, room = [], "", 0.0, width - indent
    for c in text:
        a = adv(c, size)
        if cur and w + a > room + 1e-6:
            lines.append(cur)
            cur, w, room = "", 0.0, width
        cur += c
        w += a
    if cur:
        lines.append(cur)
    return lines


def layout(paras, header=None, title=True):
    """Pages of TextObjects for paras; returns (pages, expected), expected
    as (page, paragraph) pairs."""
    wr = Writer()
    pages, expected = [[]], []
    base = TOP + SIZE

    def new_page():
        pages.append([])
        return TOP + SIZE

    for i, text in enumerate(paras):
        is_title = title and i == 0
        size = TITLE_SIZE if is_title else SIZE
        indent = 0 if is_title else 2 * SIZE
        lines = wrap(text, WIDTH, size, indent)
        for k, ln in enumerate(lines):
            if base > BOTTOM:
                base = new_page()
            if k == 0:
                expected.append((len(pages), text))
            w = sum(adv(c, size) for c in ln)
            x = LEFT + (WIDTH - w) / 2 if is_title else LEFT + (indent if k == 0 else 0)
            pages[-1].extend(wr.line(x, base, ln, size))
            base += PITCH * (1.4 if is_title else 1)
    for n, objs in enumerate(pages, 1):
        if header:
            objs.append(wr.obj(LEFT, 22.0, header, 4.2))
        foot = "— %d —" % n
        w = sum(adv(c, 4.9) for c in foot)
        objs.append(wr.obj((PAGE_W - w) / 2, 280.0, foot, 4.9))
    return pages, expected


def content(objs, extra=""):
    return ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page %s><ofd:Content>'
            '<ofd:Layer ID="2">%s</ofd:Layer></ofd:Content>%s</ofd:Page>' % (NS, "".join(objs), extra))


def ofd_xml(docroot="Doc_0/Document.xml"):
    root = "<ofd:DocRoot>%s</ofd:DocRoot>" % docroot if docroot is not None else ""
    return ('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD %s Version="1.0" DocType="OFD">'
            '<ofd:DocBody><ofd:DocInfo><ofd:DocID>0123456789abcdef</ofd:DocID>'
            '<ofd:Creator>make_ofd.py</ofd:Creator></ofd:DocInfo>%s</ofd:DocBody></ofd:OFD>' % (NS, root))


def document_xml(locs):
    pages = "".join('<ofd:Page ID="%d" BaseLoc="%s"/>' % (i + 1, loc) for i, loc in enumerate(locs))
    return ('<?xml version="1.0" encoding="UTF-8"?><ofd:Document %s><ofd:CommonData>'
            '<ofd:MaxUnitID>99999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox>'
            '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
            '<ofd:Pages>%s</ofd:Pages></ofd:Document>' % (NS, num(PAGE_W), num(PAGE_H), pages))


PUBLIC_RES = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Res %s BaseLoc="Res"><ofd:Fonts>'
              '<ofd:Font ID="2" FontName="SimSun" FamilyName="SimSun"/></ofd:Fonts></ofd:Res>' % NS)


def package(path, pages, locs=None, docroot="Doc_0/Document.xml", skip=(), extra=None,
            encrypted=False):
    """Writes an OFD: pages is a list of Content.xml strings; locs the
    BaseLoc of each (default Pages/Page_N/Content.xml, relative)."""
    if locs is None:
        locs = ["Pages/Page_%d/Content.xml" % i for i in range(len(pages))]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, data):
            if name in skip:
                return
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        put("OFD.xml", ofd_xml(docroot))
        put("Doc_0/Document.xml", document_xml(locs))
        put("Doc_0/PublicRes.xml", PUBLIC_RES)
        for i, c in enumerate(pages):
            put("Doc_0/Pages/Page_%d/Content.xml" % i, c)
        for name, data in (extra or {}).items():
            put(name, data)
    if encrypted:
        mark_encrypted(path)


def mark_encrypted(path):
    """Sets the "encrypted" flag of every entry, in the local headers and
    in the central directory (zipfile cannot write encrypted entries)."""
    with open(path, "rb") as f:
        b = bytearray(f.read())
    for info in zipfile.ZipFile(path).infolist():
        b[info.header_offset + 6] |= 1
    end = b.rfind(b"PK\x05\x06")
    count, _, cd = struct.unpack("<HII", bytes(b[end + 10:end + 20]))
    pos = cd
    for _ in range(count):
        b[pos + 8] |= 1
        n, m, k = struct.unpack("<HHH", bytes(b[pos + 28:pos + 34]))
        pos += 46 + n + m + k
    with open(path, "wb") as f:
        f.write(b)


def from_text(src, out):
    paras = [l.strip() for l in open(src, encoding="utf-8") if l.strip()]
    pages, _ = layout(paras)
    package(out, [content(objs) for objs in pages])


# ------------------------------------------------------------ fixtures
# Our own wording, written for these tests.

def sentence(i):
    return "第%d项工作按计划推进并形成记录，" % i


def long_para(tag, n):
    return tag + "".join(sentence(i) for i in range(1, n)) + "本段完。"


PARAS = [
    "示例单位年度工作情况",
    "一、基本情况",
    long_para("本年度：", 5),
    "（一）组织实施",
    long_para("跨页段落：", 55),
    "1.建立工作台账",
    "2.完善PDF与OFD文档的读取流程，确保OFD 2.0格式也能读取。",
    "一是按月汇总。",
    "二是按季通报。",
    long_para("末段：", 24),
]


def fixtures(out):
    pages, expected = layout(PARAS, header="示例单位文件（页眉）")
    assert len(pages) >= 3, "the fixture should span three pages"

    def save_expected(name, exp):
        with open(os.path.join(out, name + ".expected"), "w", encoding="utf-8") as f:
            for page, text in exp:
                f.write("%d\t%s\n" % (page, text))

    package(os.path.join(out, "report.ofd"), [content(o) for o in pages])
    save_expected("report", expected)

    # Objects in random order; an absolute DocRoot; BaseLoc absolute, from
    # the package root without a slash, and with "./" and "..".
    rnd = random.Random(7)
    shuffled = []
    for objs in pages:
        objs = list(objs)
        rnd.shuffle(objs)
        shuffled.append(content(objs))
    locs = ["./Pages/../Pages/Page_0/Content.xml", "/Doc_0/Pages/Page_1/Content.xml",
            "Doc_0/Pages/Page_2/Content.xml"] + \
        ["Pages/Page_%d/Content.xml" % i for i in range(3, len(pages))]
    package(os.path.join(out, "shuffled.ofd"), shuffled, locs=locs, docroot="/Doc_0/Document.xml")
    save_expected("shuffled", expected)

    # A stamp: text at 45 degrees across the body.
    wr = Writer()
    body, exp = layout(PARAS[:3], title=True)
    stamp = "示例印章"
    c, s = math.cos(math.radians(-45)), math.sin(math.radians(-45))
    code = '<ofd:TextCode X="0" Y="8" DeltaX="g 3 10">%s</ofd:TextCode>' % stamp
    rot = ('<ofd:TextObject ID="%d" Boundary="60 60 60 60" CTM="%s %s %s %s 0 30" Font="2" '
           'Size="10">%s</ofd:TextObject>' % (wr.ident(), num(c), num(s), num(-s), num(c), code))
    package(os.path.join(out, "stamp.ofd"), [content(body[0][:3] + [rot] + body[0][3:])])
    save_expected("stamp", exp + [(1, stamp)])

    # Hostile and odd values: a huge repeat count, a negative one, words,
    # too few values, a position that overflows.
    odd = ['<ofd:TextObject ID="1" Boundary="28 40 150 8" Font="2" Size="5.6">'
           '<ofd:TextCode X="0" Y="5" DeltaX="g 4000000000 5.6">怪异的间距值。</ofd:TextCode></ofd:TextObject>',
           '<ofd:TextObject ID="2" Boundary="28 60 150 8" Font="2" Size="5.6">'
           '<ofd:TextCode X="0" Y="5" DeltaX="g -3 5.6 abc">负数和字母。</ofd:TextCode></ofd:TextObject>',
           '<ofd:TextObject ID="3" Boundary="28 80 150 8" Font="2" Size="5.6">'
           '<ofd:TextCode X="0" Y="5" DeltaX="5.6">数值不够。</ofd:TextCode></ofd:TextObject>',
           # Off every page: the position overflows to infinity.
           '<ofd:TextObject ID="4" Boundary="1e300 1e300 1 1" CTM="1e300 0 0 1e300 0 0" Font="2" '
           'Size="5.6"><ofd:TextCode X="1e300" Y="5">溢出</ofd:TextCode></ofd:TextObject>']
    package(os.path.join(out, "deltas.ofd"), [content(odd)])
    save_expected("deltas", [(1, "怪异的间距值。"), (1, "负数和字母。"), (1, "数值不够。")])

    one = [content(pages[0])]
    # 8 MiB of comment in a page: a few KiB compressed.
    package(os.path.join(out, "bomb.ofd"), [content(pages[0], "<!--" + " " * (8 << 20) + "-->")])
    package(os.path.join(out, "many.ofd"), one,
            extra={"Doc_0/Res/r%03d.xml" % i: "<r/>" for i in range(300)})
    package(os.path.join(out, "nodoc.ofd"), one, skip=("Doc_0/Document.xml",))
    package(os.path.join(out, "noroot.ofd"), one, docroot=None)
    package(os.path.join(out, "no-ofd-xml.ofd"), one, skip=("OFD.xml",))
    package(os.path.join(out, "nopage.ofd"), [content(pages[0]), content(pages[1])],
            skip=("Doc_0/Pages/Page_1/Content.xml",))
    package(os.path.join(out, "badxml.ofd"), [content(pages[0])[:-40]])
    package(os.path.join(out, "encrypted.ofd"), one, encrypted=True)
    # Obfuscated: glyph ids without Unicode, empty TextCodes; an image.
    glyphs = ['<ofd:TextObject ID="%d" Boundary="28 %d 150 8" Font="2" Size="5.6">'
              '<ofd:CGTransform CodePosition="0" CodeCount="4" GlyphCount="4">'
              '<ofd:Glyphs>17 52 9 301</ofd:Glyphs></ofd:CGTransform>'
              '<ofd:TextCode X="0" Y="5" DeltaX="g 3 5.6"></ofd:TextCode></ofd:TextObject>'
              % (i + 1, 40 + 10 * i) for i in range(5)]
    image = ('<ofd:ImageObject ID="50" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" '
             'ResourceID="9"/>')
    package(os.path.join(out, "glyphs.ofd"), [content(glyphs + [image])])
    package(os.path.join(out, "image.ofd"), [content([image])])
    pua = ['<ofd:TextObject ID="%d" Boundary="28 %d 150 8" Font="2" Size="5.6">'
           '<ofd:TextCode X="0" Y="5" DeltaX="g 11 5.6">\ue001\ue002\ue003\ue004\ue005\ue006\ue007'
           '\ue008\ue009\ue00a12</ofd:TextCode></ofd:TextObject>' % (i + 1, 40 + 10 * i) for i in range(5)]
    package(os.path.join(out, "pua.ofd"), [content(pua)])


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--from":
        from_text(sys.argv[2], sys.argv[3])
        return 0
    out = sys.argv[1]
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
    work = tempfile.mkdtemp(prefix="make_ofd-", dir=parent)
    try:
        fixtures(work)
        with open(os.path.join(work, "stamp"), "w") as f:
            f.write(stamp + "\n")
        shutil.rmtree(out, ignore_errors=True)
        os.rename(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

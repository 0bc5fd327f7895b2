#!/usr/bin/python3
"""proof_page.py COPY.docx PAGE OUT.png - a picture of one page of an
annotated copy as LibreOffice lays it out, with its comments in the margin.

LibreOffice converts the copy to PDF with its comments exported as PDF notes
(each placed by LibreOffice where its anchor starts); pdftoppm renders the
page; the notes of that page are drawn in a margin at the right, joined to
where LibreOffice put them.  LibreOffice 7.4 (Debian 12) cannot put
comments in the margin of a PDF itself, hence the drawing.  Needs soffice,
pdftoppm and python3-pil; not part of the test suite (the tests read the
comments back with lxml and from LibreOffice's own import)."""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

from lxml import etree
from PIL import Image, ImageDraw, ImageFont

DPI = 110
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def notes_by_page(pdf):
    """{page number: [(x, y, text)]} in PDF points, from the note dicts."""
    data = open(pdf, "rb").read()
    objs = {int(m.group(1)): m.group(2) for m in
            re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S)}
    pages = []
    for num in sorted(objs):
        body = objs[num]
        if re.search(rb"/Type\s*/Page\b", body):
            pages.append(body)
    out = {}
    for i, body in enumerate(pages, 1):
        m = re.search(rb"/Annots\s*\[([^\]]*)\]", body)
        if not m:
            continue
        for ref in re.findall(rb"(\d+) 0 R", m.group(1)):
            a = objs.get(int(ref), b"")
            if b"/Subtype /Text" not in a and b"/Subtype/Text" not in a:
                continue
            r = re.search(rb"/Rect\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", a)
            c = re.search(rb"/Contents\s*<([0-9A-Fa-f]+)>", a)
            if not r or not c:
                continue
            text = bytes.fromhex(c.group(1).decode()).decode("utf-16")
            out.setdefault(i, []).append((float(r.group(1)), float(r.group(4)), text))
    return out, re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data)


def authors(copy):
    """{comment text: author} from the copy's comments (PDF notes of
    LibreOffice 7.4 carry no author)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    z = zipfile.ZipFile(copy)
    name = next((n for n in z.namelist() if n.startswith("word/comments")), None)
    out = {}
    if name:
        for c in etree.fromstring(z.read(name)).iter(w + "comment"):
            text = "\n".join("".join(p.itertext()) for p in c.iter(w + "p"))
            out[text.strip()] = c.get(w + "author") or ""
    return out


def wrap(draw, text, font, width):
    lines = []
    for para in text.split("\n"):
        cur = ""
        for ch in para:
            if draw.textlength(cur + ch, font=font) > width:
                lines.append(cur)
                cur = ch
            else:
                cur += ch
        lines.append(cur)
    return lines


def main():
    copy, page, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    tmp = tempfile.mkdtemp()
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                    "--convert-to",
                    'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                    "--outdir", tmp, copy], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    pdf = os.path.join(tmp, os.path.splitext(os.path.basename(copy))[0] + ".pdf")
    notes, box = notes_by_page(pdf)
    who = authors(copy)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", pdf, os.path.join(tmp, "page")], check=True)
    img = Image.open(os.path.join(tmp, "page.png")).convert("RGB")
    scale = DPI / 72.0
    ph = float(box.group(2)) if box else img.height / scale
    margin = int(img.width * 0.62)
    canvas = Image.new("RGB", (img.width + margin, img.height), (236, 236, 236))
    canvas.paste(img, (0, 0))
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.truetype(FONT, 15)
    small = ImageFont.truetype(FONT, 13)
    y_next = 20
    for x, y, text in sorted(notes.get(page, []), key=lambda n: -n[1]):
        px, py = x * scale, (ph - y) * scale
        lines = wrap(draw, text, font, margin - 50)
        height = 28 + 21 * len(lines)
        top = max(y_next, int(py) - 14)
        left = img.width + 20
        draw.rectangle([left, top, left + margin - 34, top + height], fill=(255, 246, 200),
                       outline=(214, 160, 0), width=2)
        draw.text((left + 8, top + 4), who.get(text.strip(), ""), font=small,
                  fill=(140, 90, 0))
        for k, line in enumerate(lines):
            draw.text((left + 8, top + 22 + 21 * k), line, font=font, fill=(30, 30, 30))
        draw.line([(px, py), (img.width + 4, py), (left, top + 12)], fill=(214, 60, 0), width=2)
        draw.ellipse([px - 4, py - 4, px + 4, py + 4], fill=(214, 60, 0))
        y_next = top + height + 10
    canvas.save(out)
    print("%s: page %d, %d comments" % (out, page, len(notes.get(page, []))))


main()

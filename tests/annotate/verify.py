#!/usr/bin/python3
"""verify.py FINDINGS.jsonl COPIES.txt [--fodt DIR] [--recheck RECHECK.jsonl]

Checks annotated copies with readers that are not archeck's: lxml on the
copy's parts, and LibreOffice's import of the copy (flat ODF written by
`soffice --convert-to fodt`).

FINDINGS.jsonl: archeck's JSON Lines for the inputs.  COPIES.txt: archeck's
"批注副本：INPUT → COPY（N 条批注）" lines.  For each input:

- the copy holds one comment by "archeck" per finding, in order, with the
  message and the rule id, and every comment that was there before;
- the text each comment is anchored on (commentRangeStart … End) contains
  the finding's evidence; a finding about a part or the whole document
  covers a whole paragraph (the first with text for the whole document);
  evidence that is an automatic numbering label, not in the paragraph's
  text, gets the whole paragraph;
- for a .docx input: every zip entry but document.xml, comments.xml, the
  document's relationships and [Content_Types].xml is byte-for-byte the
  original's, the paragraphs read the same, tracked changes are kept;
- with --fodt: LibreOffice imported every comment, by archeck, anchored on
  text containing the evidence;
- with --recheck: archeck finds the same problems in the copy (same rule,
  line, column and evidence), so the copy's text is the original's (not
  for web pages, whose <meta> facts are not text).
Prints what is wrong and exits 1, else prints a summary."""
import json
import os
import re
import sys
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
w = "{%s}" % W
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
EDITED = {"word/document.xml", "word/comments.xml",
          "word/_rels/document.xml.rels", "[Content_Types].xml"}

errors = []


def fail(msg):
    errors.append(msg)


def docx_walk(root):
    """Yields ('p', el) at each paragraph start, ('text', s), ('start', id),
    ('end', id) in document order, as Word shows the text (deletions and
    drawings left out)."""
    skip = {w + "del", w + "moveFrom", w + "drawing", w + "pict", w + "pPr",
            w + "rPr", w + "instrText", w + "delText"}

    def rec(el):
        for c in el:
            tag = c.tag
            if not isinstance(tag, str) or tag in skip:
                continue
            if tag == w + "p":
                yield ("p", c)
                yield from rec(c)
            elif tag == w + "t":
                yield ("text", re.sub(r"[\t\r\n]", " ", c.text or ""))
            elif tag in (w + "tab", w + "br", w + "cr", w + "ptab"):
                yield ("text", " ")
            elif tag == w + "noBreakHyphen":
                yield ("text", "-")
            elif tag == w + "commentRangeStart":
                yield ("start", c.get(w + "id"))
            elif tag == w + "commentRangeEnd":
                yield ("end", c.get(w + "id"))
            else:
                yield from rec(c)
    yield from rec(root)


def ranges_and_paras(events):
    """Anchored text per comment id, the paragraph texts, and for each id
    the index of the paragraph its range starts in."""
    open_ids, text, paras, where = {}, {}, [], {}
    for kind, val in events:
        if kind == "p":
            paras.append("")
        elif kind == "text":
            if paras:
                paras[-1] += val
            for i in open_ids:
                text[i] += val
        elif kind == "start":
            open_ids[val] = True
            text[val] = ""
            where[val] = len(paras) - 1
        elif kind == "end":
            open_ids.pop(val, None)
    return text, paras, where


def odf_walk(root):
    """The same events for LibreOffice's flat ODF; an annotation's start
    carries (name, author, its text), which is not document text."""
    def rec(el, inline):
        if inline and el.text:
            yield ("text", el.text)
        for c in el:
            tag = c.tag
            if isinstance(tag, str):
                if tag == OFFICE + "annotation":
                    body = "\n".join("".join(p.itertext()) for p in c.iter(TEXT + "p"))
                    yield ("start", (c.get(OFFICE + "name"),
                                     c.findtext(DC + "creator") or "", body))
                elif tag == OFFICE + "annotation-end":
                    yield ("end", c.get(OFFICE + "name"))
                elif tag == TEXT + "s":
                    yield ("text", " " * int(c.get(TEXT + "c", "1")))
                elif tag in (TEXT + "tab", TEXT + "line-break"):
                    yield ("text", " ")
                elif tag in (TEXT + "p", TEXT + "h"):
                    yield ("p", c)
                    yield from rec(c, True)
                else:
                    yield from rec(c, inline)
            if inline and c.tail:
                yield ("text", c.tail)
    yield from rec(root, False)


def check_anchor(label, f, anchored, paras, start_para):
    ev = f["evidence"]
    first = next((i for i, p in enumerate(paras) if p.strip()), 0)
    if f["line"] is None:
        if start_para != first or anchored != paras[first]:
            fail("%s: a whole-document finding is anchored on %r, not on the "
                 "first paragraph with text %r" % (label, anchored, paras[first]))
        return
    para = paras[start_para] if 0 <= start_para < len(paras) else ""
    if f["section"]:
        if anchored != para:
            fail("%s: a finding about a part should cover its paragraph %r, "
                 "covers %r" % (label, para, anchored))
        if ev and ev not in para and not para:
            fail("%s: evidence %r not in the paragraph" % (label, ev))
        return
    if ev and ev in anchored:
        return
    if ev and ev not in para and anchored == para:
        return  # an automatic numbering label: the whole paragraph
    fail("%s: evidence %r not in the anchored text %r" % (label, ev, anchored))


def check_copy(orig, copy, findings, fodt, recheck):
    label = os.path.basename(orig)
    z = zipfile.ZipFile(copy)
    if z.testzip() is not None:
        fail("%s: the copy is a broken zip" % label)
    names = z.namelist()
    croot = etree.fromstring(z.read("word/document.xml"))
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    target = [r.get("Target") for r in rels
              if r.get("Type", "").endswith("/comments")]
    if len(target) != 1:
        fail("%s: %d comments relationships" % (label, len(target)))
        return
    cpart = "word/" + target[0].lstrip("/").replace("word/", "", 1)
    ct = z.read("[Content_Types].xml").decode("utf-8")
    if "/" + cpart not in ct:
        fail("%s: no content type for %s" % (label, cpart))
    comments = etree.fromstring(z.read(cpart))
    ours = [c for c in comments.iter(w + "comment") if c.get(w + "author") == "archeck"]
    ours.sort(key=lambda c: int(c.get(w + "id")))
    if len(ours) != len(findings):
        fail("%s: %d comments by archeck for %d findings" % (label, len(ours), len(findings)))
        return
    text, paras, where = ranges_and_paras(docx_walk(croot))
    for c, f in zip(ours, findings):
        cid = c.get(w + "id")
        body = "".join(c.itertext())
        if f["message"] not in body or f["rule"] not in body:
            fail("%s: comment %s says %r, not the finding's message and rule"
                 % (label, cid, body))
        if cid not in text:
            fail("%s: comment %s has no anchor" % (label, cid))
            continue
        check_anchor("%s comment %s (%s)" % (label, cid, f["rule"]), f,
                     text[cid], paras, where[cid])

    if orig.endswith(".docx"):
        o = zipfile.ZipFile(orig)
        onames = o.namelist()
        if [n for n in names if n in onames] != onames:
            fail("%s: entries lost or reordered: %s" % (label, sorted(set(onames) ^ set(names))))
        extra = set(names) - set(onames)
        if extra - {cpart}:
            fail("%s: unexpected new entries %s" % (label, extra - {cpart}))
        for n in onames:
            if n not in EDITED and n != cpart and o.read(n) != z.read(n):
                fail("%s: entry %s changed" % (label, n))
        oroot = etree.fromstring(o.read("word/document.xml"))
        otext, oparas, _ = ranges_and_paras(docx_walk(oroot))
        if oparas != paras:
            fail("%s: the paragraphs' text changed" % label)
        for tag in ("ins", "del", "hyperlink", "tab"):
            a, b = len(oroot.findall(".//" + w + tag)), len(croot.findall(".//" + w + tag))
            if a != b:
                fail("%s: %d w:%s before, %d after" % (label, a, tag, b))
        if cpart in onames:
            before = {c.get(w + "id"): (c.get(w + "author"), "".join(c.itertext()))
                      for c in etree.fromstring(o.read(cpart)).iter(w + "comment")}
            after = {c.get(w + "id"): (c.get(w + "author"), "".join(c.itertext()))
                     for c in comments.iter(w + "comment")}
            for k, v in before.items():
                if after.get(k) != v:
                    fail("%s: existing comment %s changed or lost" % (label, k))
                if k not in text or text[k] != otext.get(k):
                    fail("%s: existing comment %s moved" % (label, k))

    if fodt:
        path = os.path.join(fodt, os.path.splitext(os.path.basename(copy))[0] + ".fodt")
        if not os.path.exists(path):
            fail("%s: LibreOffice did not convert the copy" % label)
        else:
            events, names_in_order, bodies = [], [], {}
            for kind, val in odf_walk(etree.parse(path).getroot()):
                if kind == "start":
                    name, who, body = val
                    if who == "archeck":
                        names_in_order.append(name)
                        bodies[name] = body
                        events.append(("start", name))
                else:
                    events.append((kind, val))
            lo_text, lo_paras, lo_where = ranges_and_paras(events)
            if len(names_in_order) != len(findings):
                fail("%s: LibreOffice shows %d comments by archeck for %d findings"
                     % (label, len(names_in_order), len(findings)))
            else:
                # LibreOffice lists comments in document order.
                for name in names_in_order:
                    f = next((f for f in findings if f["message"] in bodies[name]), None)
                    if f is None:
                        fail("%s: LibreOffice comment %r matches no finding" % (label, bodies[name]))
                        continue
                    ev = f["evidence"]
                    got = lo_text.get(name, "")
                    if ev and f["line"] is not None and not f["section"] and ev not in got \
                            and ev in lo_paras[lo_where[name]]:
                        fail("%s: LibreOffice anchors %s on %r, without %r"
                             % (label, f["rule"], got, ev))
                    if not got.strip():
                        fail("%s: LibreOffice anchors %s on no text" % (label, f["rule"]))

    # A web page's <meta> facts (publication date, title) are not text, and
    # so not in its copy: only documents of text are re-checked.
    if recheck is not None and not orig.lower().endswith((".html", ".htm")):
        key = lambda f: (f["rule"], f["line"], f["column"], f["evidence"])
        a = sorted(map(key, findings), key=str)
        b = sorted(map(key, recheck.get(os.path.abspath(copy), [])), key=str)
        if a != b:
            fail("%s: archeck finds %s in the copy, %s in the original" % (label, b, a))


def load_findings(path):
    out = {}
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            if line.strip():
                f = json.loads(line)
                out.setdefault(os.path.abspath(f["file"]), []).append(f)
    return out


def main():
    args = sys.argv[1:]
    fodt = recheck = None
    if "--fodt" in args:
        i = args.index("--fodt")
        fodt = args[i + 1]
        del args[i:i + 2]
    if "--recheck" in args:
        i = args.index("--recheck")
        recheck = load_findings(args[i + 1])
        del args[i:i + 2]
    findings = load_findings(args[0])
    pairs = []
    with open(args[1], encoding="utf-8") as fp:
        for line in fp:
            m = re.match(r"批注副本：(.*) → (.*)（(\d+) 条批注）", line.strip())
            if m:
                pairs.append((m.group(1), m.group(2), int(m.group(3))))
    if not pairs:
        fail("no annotated copies listed")
    n = 0
    for orig, copy, count in pairs:
        fs = findings.get(os.path.abspath(orig), [])
        if count != len(fs):
            fail("%s: %d comments announced for %d findings" % (orig, count, len(fs)))
        check_copy(orig, copy, fs, fodt, recheck)
        n += len(fs)
    for e in errors:
        print(e)
    if not errors:
        print("verify.py: %d copies, %d comments checked" % (len(pairs), n))
    sys.exit(1 if errors else 0)


main()

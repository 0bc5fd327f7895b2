"""html_valid.py REVIEW_HTML NREPORTS

The review report as a file: HTML that parses without a single error
(html5lib, strict: the HTML5 parsing algorithm browsers use), a page that
loads nothing (no src/href/url()/@import, a Content-Security-Policy with
default-src 'none'), whose one executable script is the one the policy's
hash allows, whose data blocks are JSON with no character that could end
the element, and whose stylesheet and script cannot end their own
elements.  Prints each failure; exits 1 after any."""
import base64
import hashlib
import json
import re
import sys

import html5lib

path, nreports = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
failures = []


def expect(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
doc = parser.parse(data)
for pos, code, args in parser.errors:
    expect(False, "parse error at %s: %s %s" % (pos, code, args))

text = data.decode("utf-8")
expect(text.startswith("<!DOCTYPE html>\n"), "no HTML5 doctype")
expect(b'<meta charset="utf-8">' in data[:1024], "charset not declared in the first 1024 bytes")
expect(doc.get("lang") == "zh-CN", "html lang is %r" % doc.get("lang"))
title = doc.find("head/title")
expect(title is not None and title.text, "no title")

# Nothing is loaded: no attribute that fetches, no url() or @import.
for el in doc.iter():
    for attr in ("src", "href", "action", "data", "poster", "srcset", "background", "formaction"):
        expect(attr not in el.attrib, "<%s %s=...> in the page" % (el.tag, attr))
style = [el.text or "" for el in doc.iter("style")]
expect(len(style) == 1, "%d style elements" % len(style))
css = "".join(style)
expect("url(" not in css and "@import" not in css and "@font-face" not in css,
       "the stylesheet loads something")

metas = [el for el in doc.iter("meta") if el.get("http-equiv", "").lower() == "content-security-policy"]
expect(len(metas) == 1, "%d Content-Security-Policy metas" % len(metas))
csp = metas[0].get("content", "") if metas else ""
directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
expect(directives.get("default-src") == "'none'", "CSP default-src %r" % directives.get("default-src"))

scripts = list(doc.iter("script"))
code = [s for s in scripts if not s.get("type")]
blocks = [s for s in scripts if s.get("type") == "application/json"]
expect(len(code) == 1, "%d executable scripts" % len(code))
expect(len(code) + len(blocks) == len(scripts), "a script of another type")
if code:
    digest = base64.b64encode(hashlib.sha256((code[0].text or "").encode("utf-8")).digest()).decode()
    expect(directives.get("script-src") == "'sha256-%s'" % digest,
           "CSP script-src %r does not allow exactly the page's script (sha256-%s)" %
           (directives.get("script-src"), digest))
    js = code[0].text or ""
    for bad in ("</script", "<!--", "<script"):
        expect(bad not in js.lower(), "the page's script contains %r" % bad)
for bad in ("</style", "<!--"):
    expect(bad not in css.lower(), "the stylesheet contains %r" % bad)

ids = {}
for s in blocks:
    body = s.text or ""
    expect(not re.search("[<>&\u2028\u2029]", body), "data block %s holds a raw < > & or U+2028/9" % s.get("id"))
    try:
        ids[s.get("id")] = json.loads(body)
    except ValueError as e:
        expect(False, "data block %s is not JSON: %s" % (s.get("id"), e))
expect("arc-meta" in ids and "arc-rows" in ids, "no arc-meta / arc-rows block")
rows = ids.get("arc-rows", [])
expect(len(rows) == nreports, "%d overview rows, expected %d" % (len(rows), nreports))
texts = sorted(k for k in ids if k.startswith("arc-t"))
expect(sorted(r["t"] for r in rows if r["t"] >= 0) == sorted(int(k[5:]) for k in texts),
       "the rows do not name each text block once")
meta = ids.get("arc-meta", {})
expect(meta.get("rules") and all(r.get("d") for r in meta["rules"]), "rules without descriptions")

if failures:
    print("%d failures" % len(failures))
    sys.exit(1)
print("%s: valid HTML, %d reports, %d texts, loads nothing, one script allowed by its hash" %
      (path, len(rows), len(texts)))

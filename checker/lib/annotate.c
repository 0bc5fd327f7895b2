/* annotate.c - annotated copies: the report handed back to its drafter as
 * a Word document with one comment (批注) per finding, anchored on the text
 * the finding is about, as a proofreader would mark it.
 *
 * A .docx is copied, not rebuilt.  word/document.xml is edited as bytes:
 * comment anchors are inserted and a run is split where an anchor falls
 * inside it, so that everything else (formatting, existing comments,
 * tracked changes, fields) stays exactly as it was; comments.xml, the
 * relationship and the content type are added or extended.  Paragraphs are
 * found by the Word reader's own walk (input_docx.c: the same elements
 * read, skipped and descended into); the reader's text of each paragraph
 * is read again and compared, which also gives the length of an automatic
 * numbering label, and a paragraph the two disagree on is anchored as a
 * whole rather than at a wrong place.
 *
 * Any other format becomes a new .docx holding the text as archeck read it
 * (one paragraph per line, so line numbers stay paragraph numbers),
 * recognised headings in heading styles, and the same comments. */
#include "archeck.h"

#include "input.h"
#include "package.h"
#include "result.h"
#include "text.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_DEPTH 1024
#define MAX_BYTES ((size_t)256 << 20)

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define REL_BASE_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships/"
#define CT_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define CT_COMMENTS CT_MAIN "comments+xml"
#define AUTHOR "archeck"

#define DOCUMENT "word/document.xml"
#define DOCUMENT_RELS "word/_rels/document.xml.rels"
#define CONTENT_TYPES "[Content_Types].xml"

/* ----------------------------------------------------------- xml bytes */

/* A well-formed XML part as a tree of byte spans, so that it can be edited
 * by inserting bytes: libxml2 (xml.h) would re-serialise the whole part. */
enum { X_ELEM, X_TEXT, X_CDATA, X_OTHER };

typedef struct {
    unsigned char type;
    size_t s, e;   /* element: its start tag; other nodes: all of it */
    size_t cs, ce; /* element: its end tag (both e for <x/>) */
    size_t ql;     /* element: the qualified name, at s + 1 */
    size_t local;  /* where the local name starts within it */
    int parent, first, last, next;
} xnode;

typedef struct {
    const char *b;
    size_t n;
    xnode *v;
    size_t nv, cap;
    int root;
} xtree;

static void xfree(xtree *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int add_node(xtree *t, int parent, const xnode *nd)
{
    if (t->nv >= INT32_MAX ||
        arc_grow((void **)&t->v, &t->cap, t->nv + 1, sizeof *t->v))
        return -1;
    int i = (int)t->nv++;
    t->v[i] = *nd;
    t->v[i].parent = parent;
    t->v[i].first = t->v[i].last = t->v[i].next = -1;
    if (parent >= 0) {
        if (t->v[parent].last >= 0)
            t->v[t->v[parent].last].next = i;
        else
            t->v[parent].first = i;
        t->v[parent].last = i;
    }
    return i;
}

static const char *find_str(const char *b, size_t from, size_t n,
                            const char *s)
{
    size_t k = strlen(s);
    for (size_t i = from; i + k <= n; i++)
        if (b[i] == s[0] && memcmp(b + i, s, k) == 0)
            return b + i;
    return NULL;
}

/* Scans the attribute at b[*j..e): its name [*n0, *n1) and value (without
 * quotes) [*v0, *v1).  Returns 1, or 0 at the end of the tag, -1 when
 * malformed. */
static int scan_attr(const char *b, size_t *j, size_t e, size_t *n0,
                     size_t *n1, size_t *v0, size_t *v1)
{
    size_t i = *j;
    while (i < e && is_space(b[i]))
        i++;
    if (i >= e || b[i] == '>' || b[i] == '/')
        return 0;
    *n0 = i;
    while (i < e && b[i] != '=' && !is_space(b[i]) && b[i] != '>' &&
           b[i] != '/')
        i++;
    *n1 = i;
    while (i < e && is_space(b[i]))
        i++;
    if (i >= e || b[i] != '=' || *n1 == *n0)
        return -1;
    i++;
    while (i < e && is_space(b[i]))
        i++;
    if (i >= e || (b[i] != '"' && b[i] != '\''))
        return -1;
    char q = b[i++];
    *v0 = i;
    while (i < e && b[i] != q)
        i++;
    if (i >= e)
        return -1;
    *v1 = i;
    *j = i + 1;
    return 1;
}

static int xparse(xtree *t, const char *b, size_t n)
{
    memset(t, 0, sizeof *t);
    t->b = b;
    t->n = n;
    t->root = -1;
    int stack[MAX_DEPTH];
    int depth = 0;
    size_t i = 0;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        xnode nd = {0};
        int parent = depth ? stack[depth - 1] : -1;
        if (b[i] != '<') {
            size_t j = i;
            while (j < n && b[j] != '<')
                j++;
            nd.type = X_TEXT;
            nd.s = i;
            nd.e = j;
            if (parent >= 0 && add_node(t, parent, &nd) < 0)
                return ARC_ENOMEM;
            i = j;
            continue;
        }
        const char *end;
        size_t rest = n - i;
        if (rest >= 2 && b[i + 1] == '?') {
            if (!(end = find_str(b, i + 2, n, "?>")))
                return ARC_EPARSE;
            i = (size_t)(end - b) + 2;
            continue;
        }
        if (rest >= 4 && memcmp(b + i, "<!--", 4) == 0) {
            if (!(end = find_str(b, i + 4, n, "-->")))
                return ARC_EPARSE;
            nd.type = X_OTHER;
            nd.s = i;
            nd.e = (size_t)(end - b) + 3;
            if (parent >= 0 && add_node(t, parent, &nd) < 0)
                return ARC_ENOMEM;
            i = nd.e;
            continue;
        }
        if (rest >= 9 && memcmp(b + i, "<![CDATA[", 9) == 0) {
            if (!(end = find_str(b, i + 9, n, "]]>")) || parent < 0)
                return ARC_EPARSE;
            nd.type = X_CDATA;
            nd.s = i;
            nd.e = (size_t)(end - b) + 3;
            if (add_node(t, parent, &nd) < 0)
                return ARC_ENOMEM;
            i = nd.e;
            continue;
        }
        if (rest >= 2 && b[i + 1] == '!')
            return ARC_EPARSE; /* a DTD: entities the reader never expands */
        if (rest >= 2 && b[i + 1] == '/') {
            size_t j = i + 2, k;
            while (j < n && b[j] != '>' && !is_space(b[j]))
                j++;
            k = j;
            while (k < n && is_space(b[k]))
                k++;
            if (k >= n || b[k] != '>' || depth == 0)
                return ARC_EPARSE;
            xnode *top = &t->v[stack[depth - 1]];
            if (j - (i + 2) != top->ql ||
                memcmp(b + i + 2, b + top->s + 1, top->ql) != 0)
                return ARC_EPARSE;
            top->cs = i;
            top->ce = k + 1;
            depth--;
            i = k + 1;
            continue;
        }
        size_t j = i + 1;
        while (j < n && !is_space(b[j]) && b[j] != '>' && b[j] != '/')
            j++;
        if (j == i + 1)
            return ARC_EPARSE;
        nd.type = X_ELEM;
        nd.s = i;
        nd.ql = j - i - 1;
        const char *colon = memchr(b + i + 1, ':', nd.ql);
        nd.local = colon ? (size_t)(colon - (b + i + 1)) + 1 : 0;
        size_t n0, n1, v0, v1;
        int r;
        while ((r = scan_attr(b, &j, n, &n0, &n1, &v0, &v1)) == 1)
            ;
        if (r < 0)
            return ARC_EPARSE;
        while (j < n && is_space(b[j]))
            j++;
        int open;
        if (j < n && b[j] == '>')
            open = 1, j++;
        else if (j + 1 < n && b[j] == '/' && b[j + 1] == '>')
            open = 0, j += 2;
        else
            return ARC_EPARSE;
        nd.e = j;
        nd.cs = nd.ce = j;
        if (depth == 0 && t->root >= 0)
            return ARC_EPARSE;
        int idx = add_node(t, parent, &nd);
        if (idx < 0)
            return ARC_ENOMEM;
        if (depth == 0)
            t->root = idx;
        if (open) {
            if (depth == MAX_DEPTH)
                return ARC_EPARSE;
            stack[depth++] = idx;
        }
        i = j;
    }
    return depth == 0 && t->root >= 0 ? 0 : ARC_EPARSE;
}

/* Is node i an element with this local name? */
static int lis(const xtree *t, int i, const char *local)
{
    if (i < 0 || t->v[i].type != X_ELEM)
        return 0;
    const xnode *x = &t->v[i];
    size_t l = strlen(local);
    return x->ql - x->local == l &&
           memcmp(t->b + x->s + 1 + x->local, local, l) == 0;
}

static int lin(const xtree *t, int i, const char *const *list)
{
    for (; *list; list++)
        if (lis(t, i, *list))
            return 1;
    return 0;
}

static int xchild(const xtree *t, int i, const char *local)
{
    if (i < 0)
        return -1;
    for (int c = t->v[i].first; c >= 0; c = t->v[c].next)
        if (lis(t, c, local))
            return c;
    return -1;
}

/* The value of the attribute of element i with this local name (any
 * prefix but xmlns), raw as written: [*v0, *v1).  Returns 1 when found. */
static int xattr(const xtree *t, int i, const char *local, size_t *v0,
                 size_t *v1)
{
    const xnode *x = &t->v[i];
    size_t j = x->s + 1 + x->ql, n0, n1;
    size_t l = strlen(local);
    while (scan_attr(t->b, &j, x->e, &n0, &n1, v0, v1) == 1) {
        const char *colon = memchr(t->b + n0, ':', n1 - n0);
        if (colon && (size_t)(colon - (t->b + n0)) == 5 &&
            memcmp(t->b + n0, "xmlns", 5) == 0)
            continue;
        size_t ls = colon ? (size_t)(colon - t->b) + 1 : n0;
        if (n1 - ls == l && memcmp(t->b + ls, local, l) == 0)
            return 1;
    }
    return 0;
}

static int xattr_is(const xtree *t, int i, const char *local, const char *v)
{
    size_t v0, v1;
    return xattr(t, i, local, &v0, &v1) && v1 - v0 == strlen(v) &&
           memcmp(t->b + v0, v, v1 - v0) == 0;
}

/* The prefix bound to WordprocessingML on element i ("w" nearly always),
 * copied into out (32 bytes); *strict set for ISO strict documents.
 * Returns 0 when there is none. */
static int wml_prefix(const xtree *t, int i, char *out, int *strict)
{
    const xnode *x = &t->v[i];
    size_t j = x->s + 1 + x->ql, n0, n1, v0, v1;
    while (scan_attr(t->b, &j, x->e, &n0, &n1, &v0, &v1) == 1) {
        if (n1 - n0 < 7 || n1 - n0 > 6 + 31 ||
            memcmp(t->b + n0, "xmlns:", 6) != 0)
            continue;
        size_t vl = v1 - v0;
        int is_t = vl == strlen(NS_W) && memcmp(t->b + v0, NS_W, vl) == 0;
        int is_s = vl == strlen(NS_W_STRICT) &&
                   memcmp(t->b + v0, NS_W_STRICT, vl) == 0;
        if (is_t || is_s) {
            memcpy(out, t->b + n0 + 6, n1 - n0 - 6);
            out[n1 - n0 - 6] = '\0';
            *strict = is_s;
            return 1;
        }
    }
    return 0;
}

/* One character of raw XML text at b[i..end), as the parser delivers it
 * (references replaced, CRLF folded to LF): its UTF-8 into out (8 bytes),
 * *outlen 0 for an unknown entity.  Returns the bytes consumed (0 at the
 * end).  `plain`: CDATA, no references. */
static size_t raw_char(const char *b, size_t i, size_t end, int plain,
                       char *out, size_t *outlen)
{
    if (i >= end)
        return 0;
    if (b[i] == '&' && !plain) {
        size_t lim = end - i < 16 ? end - i : 16;
        const char *semi = memchr(b + i, ';', lim);
        if (semi) {
            const char *nm = b + i + 1;
            size_t nl = (size_t)(semi - nm);
            static const struct {
                const char *name;
                char c;
            } ent[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'},
                       {"quot", '"'}, {"apos", '\''}};
            *outlen = 0;
            for (size_t k = 0; k < ARC_ARRAY_LEN(ent); k++)
                if (strlen(ent[k].name) == nl &&
                    memcmp(nm, ent[k].name, nl) == 0) {
                    out[0] = ent[k].c;
                    *outlen = 1;
                }
            if (nl >= 2 && nm[0] == '#') {
                int hex = nm[1] == 'x';
                char num[16];
                memcpy(num, nm + 1 + hex, nl - 1 - (size_t)hex);
                num[nl - 1 - (size_t)hex] = '\0';
                unsigned long cp = strtoul(num, NULL, hex ? 16 : 10);
                if (cp > 0 && cp <= 0x10FFFF)
                    *outlen = arc_utf8_encode((uint32_t)cp, out);
            }
            return nl + 2;
        }
    }
    if (b[i] == '\r') {
        out[0] = '\n';
        *outlen = 1;
        return i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
    }
    uint32_t cp;
    size_t k = arc_utf8_decode(b + i, end - i, &cp);
    if (!k)
        k = 1;
    memcpy(out, b + i, k);
    *outlen = k;
    return k;
}

/* The content span of a text or CDATA node. */
static void text_span(const xtree *t, int i, size_t *a, size_t *z)
{
    const xnode *x = &t->v[i];
    *a = x->type == X_CDATA ? x->s + 9 : x->s;
    *z = x->type == X_CDATA ? x->e - 3 : x->e;
}

/* ------------------------------------------------- the reader's walk */

/* A piece of a paragraph's text: the characters of one text node of a w:t,
 * or one element read as a character (tab, break, non-breaking hyphen). */
typedef struct {
    int node;
    int t;        /* the w:t holding the text node; -1 for an element */
    size_t c0, nc;
} piece;

typedef struct {
    int node;     /* the w:p */
    size_t p0, np;
    size_t chars; /* characters of its text */
    long label;   /* characters the reader puts before it (an automatic
                     numbering label); -1 when its text differs */
} para;

typedef struct {
    xtree x;
    para *pa;
    size_t npa, cpa;
    piece *pc;
    size_t npc, cpc;
    arc_buf text; /* the paragraph being walked */
    size_t chars;
} walker;

static int add_piece(walker *w, int node, int t, size_t nc)
{
    if (arc_grow((void **)&w->pc, &w->cpc, w->npc + 1, sizeof *w->pc))
        return ARC_ENOMEM;
    w->pc[w->npc++] = (piece){node, t, w->chars, nc};
    w->chars += nc;
    return 0;
}

static int text_node(walker *w, int node, int t)
{
    size_t a, z, nc = 0;
    text_span(&w->x, node, &a, &z);
    int plain = w->x.v[node].type == X_CDATA;
    char ch[8];
    size_t len, k;
    while ((k = raw_char(w->x.b, a, z, plain, ch, &len)) > 0) {
        a += k;
        if (!len)
            continue;
        /* A newline inside w:t would split the reader's line. */
        if (len == 1 && (ch[0] == '\n' || ch[0] == '\r' || ch[0] == '\t'))
            ch[0] = ' ';
        if (arc_buf_append(&w->text, ch, len))
            return ARC_ENOMEM;
        nc++;
    }
    return nc ? add_piece(w, node, t, nc) : 0;
}

/* An on/off property: present means on unless w:val says otherwise. */
static int is_on(const xtree *t, int i)
{
    if (i < 0)
        return 0;
    return !(xattr_is(t, i, "val", "0") || xattr_is(t, i, "val", "false") ||
             xattr_is(t, i, "val", "off"));
}

/* As walk_inline in input_docx.c: what the reader reads, skips and
 * descends into. */
static int walk_inline(walker *w, int n)
{
    static const char *const skip[] = {
        "pPr", "rPr", "del", "moveFrom", "delText", "delInstrText",
        "instrText", "Fallback", "drawing", "pict", "object", "sdtPr",
        "sdtEndPr", "customXmlPr", "fldData", NULL};
    static const char *const space[] = {"tab", "ptab", "br", "cr", NULL};
    const xtree *t = &w->x;
    for (int c = t->v[n].first; c >= 0; c = t->v[c].next) {
        if (t->v[c].type != X_ELEM)
            continue;
        int rc = 0;
        if (lis(t, c, "t")) {
            for (int k = t->v[c].first; k >= 0 && !rc; k = t->v[k].next)
                if (t->v[k].type == X_TEXT || t->v[k].type == X_CDATA)
                    rc = text_node(w, k, c);
        } else if (lin(t, c, space)) {
            rc = arc_buf_append(&w->text, " ", 1) ? ARC_ENOMEM
                                                  : add_piece(w, c, -1, 1);
        } else if (lis(t, c, "noBreakHyphen")) {
            rc = arc_buf_append(&w->text, "-", 1) ? ARC_ENOMEM
                                                  : add_piece(w, c, -1, 1);
        } else if (lin(t, c, skip)) {
            continue;
        } else if (lis(t, c, "r") &&
                   is_on(t, xchild(t, xchild(t, c, "rPr"), "vanish"))) {
            continue;
        } else {
            rc = walk_inline(w, c);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int paragraph(walker *w, int p)
{
    if (arc_grow((void **)&w->pa, &w->cpa, w->npa + 1, sizeof *w->pa))
        return ARC_ENOMEM;
    para *pp = &w->pa[w->npa++];
    *pp = (para){p, w->npc, 0, 0, -1};
    w->text.len = 0;
    if (w->text.data)
        w->text.data[0] = '\0';
    w->chars = 0;
    int rc = walk_inline(w, p);
    pp = &w->pa[w->npa - 1];
    pp->np = w->npc - pp->p0;
    pp->chars = w->chars;
    return rc;
}

/* As walk_blocks in input_docx.c. */
static int walk_blocks(walker *w, int n, const char *const *lines,
                       const size_t *lens, size_t nlines)
{
    static const char *const skip[] = {
        "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr", "sdtEndPr",
        "customXmlPr", "del", "moveFrom", "Fallback", NULL};
    const xtree *t = &w->x;
    for (int c = t->v[n].first; c >= 0; c = t->v[c].next) {
        if (t->v[c].type != X_ELEM)
            continue;
        int rc = 0;
        if (lis(t, c, "p")) {
            rc = paragraph(w, c);
            size_t i = w->npa - 1;
            if (!rc && i < nlines) {
                /* The reader's line is the numbering label, then this
                 * text with its trailing spaces dropped. */
                size_t tl = w->text.len;
                while (tl && w->text.data[tl - 1] == ' ')
                    tl--;
                if (lens[i] >= tl &&
                    (!tl ||
                     memcmp(lines[i] + lens[i] - tl, w->text.data, tl) == 0))
                    w->pa[i].label =
                        (long)arc_utf8_count(lines[i], lens[i] - tl);
            }
        } else if (lin(t, c, skip)) {
            continue;
        } else if (lis(t, c, "tr") &&
                   xchild(t, xchild(t, c, "trPr"), "del") >= 0) {
            continue;
        } else {
            rc = walk_blocks(w, c, lines, lens, nlines);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------ anchors */

/* Where a comment goes: characters [c0, c1) of paragraph `para`'s text, or
 * the whole paragraph. */
typedef struct {
    size_t para;
    size_t c0, c1;
    int whole;
} anchor;

/* The characters of line `line` (the reader's text) that finding f is
 * about: its span from line/column, cut at the line end; else where its
 * evidence stands.  Returns 0 when neither gives any. */
static int line_span(const char *l, size_t len, const arc_finding *f,
                     size_t *c0, size_t *c1)
{
    size_t b0 = arc_utf8_prefix(l, len, f->column > 0 ? (size_t)f->column - 1
                                                      : 0);
    size_t span = f->end_offset > f->offset ? f->end_offset - f->offset : 0;
    size_t b1 = span < len - b0 ? b0 + span : len;
    while (b1 > b0 && b1 < len && ((unsigned char)l[b1] & 0xC0) == 0x80)
        b1--;
    if (b1 == b0 && f->evidence && f->evidence[0]) {
        size_t el = strlen(f->evidence);
        const char *hit = NULL;
        for (size_t i = 0; i + el <= len && !hit; i++)
            if (memcmp(l + i, f->evidence, el) == 0)
                hit = l + i;
        if (hit) {
            b0 = (size_t)(hit - l);
            b1 = b0 + el;
        }
    }
    if (b1 == b0)
        return 0;
    *c0 = arc_utf8_count(l, b0);
    *c1 = *c0 + arc_utf8_count(l + b0, b1 - b0);
    return 1;
}

/* The anchor of f among paragraphs whose texts are lines[i] (lens[i]
 * bytes), each `label[i]` characters longer than the text the document
 * holds (-1: unknown).  A finding about the whole document, or about a
 * part, covers a whole paragraph: its own, or the first that has text. */
static anchor anchor_of(const arc_finding *f, const char *const *lines,
                        const size_t *lens, const long *label,
                        const size_t *chars, size_t n)
{
    anchor a = {0, 0, 0, 1};
    size_t first = 0;
    while (first < n && !chars[first])
        first++;
    if (first == n)
        first = 0;
    a.para = first;
    if (f->line <= 0 || (size_t)f->line > n)
        return a;
    size_t i = (size_t)f->line - 1;
    a.para = i;
    size_t c0, c1;
    if ((f->section && f->section[0]) || label[i] < 0 ||
        !line_span(lines[i], lens[i], f, &c0, &c1))
        return a;
    size_t lab = (size_t)label[i];
    c0 = c0 > lab ? c0 - lab : 0;
    c1 = c1 > lab ? c1 - lab : 0;
    if (c1 > chars[i])
        c1 = chars[i];
    if (c1 <= c0) /* all of it in an automatic label */
        return a;
    a.c0 = c0;
    a.c1 = c1;
    a.whole = 0;
    return a;
}

/* ------------------------------------------------------ comment texts */

/* XML text of s: escaped, characters XML 1.0 forbids replaced by U+FFFD
 * (one for one, so that character counts stay). */
static int put_text(arc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = arc_utf8_decode(s + i, n - i, &cp);
        const char *rep = NULL;
        if (!k) {
            k = 1;
            rep = "\xEF\xBF\xBD";
        } else if (cp == '&') {
            rep = "&amp;";
        } else if (cp == '<') {
            rep = "&lt;";
        } else if (cp == '>') {
            rep = "&gt;";
        } else if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                   cp == 0xFFFE || cp == 0xFFFF) {
            rep = "\xEF\xBF\xBD";
        }
        if (rep ? arc_buf_puts(b, rep) : arc_buf_append(b, s + i, k))
            return ARC_ENOMEM;
        i += k;
    }
    return 0;
}

static const char *severity_label(arc_severity s)
{
    return s == ARC_SEV_ERROR ? "错误" : s == ARC_SEV_WARNING ? "警告" : "提示";
}

/* One <w:comment> per finding, ids from `base` on. */
static int comment_elements(arc_buf *b, const char *w, const arc_findings *fs,
                            long base)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < arc_findings_count(fs); i++) {
        const arc_finding *f = arc_findings_get(fs, i);
        rc = arc_buf_printf(b,
                            "<%s:comment %s:id=\"%ld\" %s:author=\"" AUTHOR
                            "\" %s:initials=\"AC\"><%s:p><%s:r><%s:t "
                            "xml:space=\"preserve\">【%s】",
                            w, w, base + (long)i, w, w, w, w, w,
                            severity_label(f->severity));
        if (!rc)
            rc = put_text(b, f->message, strlen(f->message));
        if (!rc)
            rc = arc_buf_printf(b,
                                "</%s:t></%s:r></%s:p><%s:p><%s:r><%s:t "
                                "xml:space=\"preserve\">规则 ",
                                w, w, w, w, w, w);
        if (!rc)
            rc = put_text(b, f->rule, strlen(f->rule));
        if (!rc)
            rc = arc_buf_printf(b, "</%s:t></%s:r></%s:p></%s:comment>", w,
                                w, w, w);
    }
    return rc ? ARC_ENOMEM : 0;
}

static int start_marker(arc_buf *b, const char *w, long id)
{
    return arc_buf_printf(b, "<%s:commentRangeStart %s:id=\"%ld\"/>", w, w,
                          id);
}

static int end_marker(arc_buf *b, const char *w, long id)
{
    return arc_buf_printf(b,
                          "<%s:commentRangeEnd %s:id=\"%ld\"/><%s:r>"
                          "<%s:commentReference %s:id=\"%ld\"/></%s:r>",
                          w, w, id, w, w, w, id, w);
}

/* ------------------------------------------------------- byte edits */

typedef struct {
    size_t pos, del; /* bytes [pos, pos + del) replaced by text */
    char *text;
    size_t seq;      /* order of creation, for equal positions */
} edit;

typedef struct {
    edit *v;
    size_t n, cap;
} edits;

static int edit_add(edits *e, size_t pos, size_t del, arc_buf *text)
{
    if (arc_grow((void **)&e->v, &e->cap, e->n + 1, sizeof *e->v))
        return ARC_ENOMEM;
    e->v[e->n] = (edit){pos, del, text->data, e->n};
    e->n++;
    text->data = NULL;
    text->len = text->cap = 0;
    return 0;
}

static void edits_free(edits *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].text);
    free(e->v);
}

static int cmp_edit(const void *a, const void *b)
{
    const edit *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int edits_apply(edits *e, const char *b, size_t n, arc_buf *out)
{
    qsort(e->v, e->n, sizeof *e->v, cmp_edit);
    size_t at = 0;
    for (size_t i = 0; i < e->n; i++) {
        const edit *x = &e->v[i];
        if (x->pos < at || x->pos + x->del > n)
            return ARC_EINVAL;
        if (arc_buf_append(out, b + at, x->pos - at) ||
            (x->text && arc_buf_puts(out, x->text)))
            return ARC_ENOMEM;
        at = x->pos + x->del;
    }
    return arc_buf_append(out, b + at, n - at) ? ARC_ENOMEM : 0;
}

/* --------------------------------------------- anchors in document.xml */

/* A place for comment markers in document.xml. */
typedef struct {
    size_t pos;
    int run;       /* a run split there, or -1 */
    int t;         /* ... inside the text of this w:t, or -1 */
    int selfclose; /* an empty <w:p/> opened there, or -1 */
} spot;

typedef struct {
    spot at;
    int phase; /* 0: end of a range begun before, 1: start, 2: end of a
                  range begun at the same place */
    long id;
    int end;
} mark;

static int cmp_mark(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->at.pos != y->at.pos)
        return x->at.pos < y->at.pos ? -1 : 1;
    if (x->phase != y->phase)
        return x->phase - y->phase;
    return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct {
    walker w;
    char wp[32];   /* the WordprocessingML prefix */
} docctx;

/* The ancestor of node i that is a child of p. */
static int unit_of(const xtree *t, int i, int p)
{
    while (i >= 0 && t->v[i].parent != p)
        i = t->v[i].parent;
    return i;
}

/* The run holding piece node i (its w:t or itself) when markers may be put
 * beside it: a WordprocessingML w:r directly holding the piece, inside
 * the paragraph or containers that hold runs.  Else -1. */
static int run_of(const docctx *d, int i, int p)
{
    static const char *const containers[] = {
        "hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdt",
        "sdtContent", "fldSimple", "dir", "bdo", NULL};
    const xtree *t = &d->w.x;
    int r = t->v[i].parent;
    if (!lis(t, r, "r"))
        return -1;
    const xnode *x = &t->v[r];
    size_t pl = strlen(d->wp);
    if (x->local != pl + 1 || memcmp(t->b + x->s + 1, d->wp, pl) != 0)
        return -1;
    for (int a = x->parent; a != p; a = t->v[a].parent)
        if (a < 0 || !lin(t, a, containers))
            return -1;
    return r;
}

/* The spot at byte b between two children of run r: before or after the
 * run when no content lies on that side (its w:rPr aside), else a split. */
static spot run_boundary(const xtree *t, int r, size_t b)
{
    int before = 0, after = 0;
    for (int c = t->v[r].first; c >= 0; c = t->v[c].next) {
        if (t->v[c].type != X_ELEM || lis(t, c, "rPr"))
            continue;
        if (t->v[c].ce <= b)
            before = 1;
        if (t->v[c].s >= b)
            after = 1;
    }
    if (!before)
        return (spot){t->v[r].s, -1, -1, -1};
    if (!after)
        return (spot){t->v[r].ce, -1, -1, -1};
    return (spot){b, r, -1, -1};
}

/* The spots of paragraph pp's start and end. */
static spot para_start(const xtree *t, int p)
{
    if (t->v[p].cs == t->v[p].e)
        return (spot){t->v[p].e - 2, -1, -1, p};
    int ppr = xchild(t, p, "pPr");
    return (spot){ppr >= 0 ? t->v[ppr].ce : t->v[p].e, -1, -1, -1};
}

static spot para_end(const xtree *t, int p)
{
    if (t->v[p].cs == t->v[p].e)
        return (spot){t->v[p].e - 2, -1, -1, p};
    return (spot){t->v[p].cs, -1, -1, -1};
}

/* The spot before character w (end: after character w - 1) of pp. */
static spot locate(const docctx *d, const para *pp, size_t w, int end)
{
    const xtree *t = &d->w.x;
    const piece *pc = NULL;
    for (size_t k = 0; k < pp->np; k++) {
        const piece *c = &d->w.pc[pp->p0 + k];
        if (end ? c->c0 < w : c->c0 + c->nc > w) {
            pc = c;
            if (!end)
                break;
        }
    }
    if (!pc)
        return end ? para_start(t, pp->node) : para_end(t, pp->node);
    size_t j = w - pc->c0; /* characters into the piece */
    int holder = pc->t >= 0 ? pc->t : pc->node;
    int r = run_of(d, holder, pp->node);
    if (r < 0) {
        int u = unit_of(t, holder, pp->node);
        return (spot){end ? t->v[u].ce : t->v[u].s, -1, -1, -1};
    }
    if (pc->t < 0) /* an element read as one character */
        return run_boundary(t, r, end ? t->v[holder].ce : t->v[holder].s);
    size_t a, z;
    text_span(t, pc->node, &a, &z);
    if (t->v[pc->node].type == X_CDATA)
        return run_boundary(t, r, end ? t->v[holder].ce : t->v[holder].s);
    char ch[8];
    size_t len, k, q = a;
    for (size_t done = 0; done < j && (k = raw_char(t->b, q, z, 0, ch, &len));)
    {
        q += k;
        done += len > 0;
    }
    /* Skip references that give no character, so that a start lands on
     * its character. */
    if (!end)
        while (q < z && (k = raw_char(t->b, q, z, 0, ch, &len)) && !len)
            q += k;
    const xnode *tx = &t->v[pc->t];
    if (q == a && pc->node == tx->first)
        return run_boundary(t, r, tx->s);
    if (q == z && pc->node == tx->last)
        return run_boundary(t, r, tx->ce);
    return (spot){q, r, pc->t, -1};
}

/* The markup around markers at a spot: closing and reopening the run (and
 * its w:t) split there, or opening an empty paragraph. */
static int spot_prefix(arc_buf *b, const xtree *t, const spot *s)
{
    if (s->selfclose >= 0)
        return arc_buf_puts(b, ">");
    if (s->t >= 0 && arc_buf_printf(b, "</%.*s>", (int)t->v[s->t].ql,
                                    t->b + t->v[s->t].s + 1))
        return ARC_ENOMEM;
    if (s->run >= 0 && arc_buf_printf(b, "</%.*s>", (int)t->v[s->run].ql,
                                      t->b + t->v[s->run].s + 1))
        return ARC_ENOMEM;
    return 0;
}

static int spot_suffix(arc_buf *b, const xtree *t, const spot *s)
{
    if (s->selfclose >= 0)
        return arc_buf_printf(b, "</%.*s>", (int)t->v[s->selfclose].ql,
                              t->b + t->v[s->selfclose].s + 1);
    if (s->run < 0)
        return 0;
    const xnode *r = &t->v[s->run];
    if (arc_buf_append(b, t->b + r->s, r->e - r->s))
        return ARC_ENOMEM;
    int rpr = xchild(t, s->run, "rPr");
    if (rpr >= 0 &&
        arc_buf_append(b, t->b + t->v[rpr].s, t->v[rpr].ce - t->v[rpr].s))
        return ARC_ENOMEM;
    if (s->t >= 0 &&
        arc_buf_printf(b, "<%.*s xml:space=\"preserve\">", (int)t->v[s->t].ql,
                       t->b + t->v[s->t].s + 1))
        return ARC_ENOMEM;
    return 0;
}

/* Largest comment id used in a part (w:comment, the range markers and
 * references), or -1. */
static long max_comment_id(const xtree *t)
{
    static const char *const named[] = {"comment", "commentRangeStart",
                                        "commentRangeEnd",
                                        "commentReference", NULL};
    long max = -1;
    for (size_t i = 0; i < t->nv; i++) {
        size_t v0, v1;
        if (!lin(t, (int)i, named) || !xattr(t, (int)i, "id", &v0, &v1) ||
            v1 - v0 > 15)
            continue;
        char num[16];
        memcpy(num, t->b + v0, v1 - v0);
        num[v1 - v0] = '\0';
        char *e;
        long v = strtol(num, &e, 10);
        if (e != num && !*e && v > max)
            max = v;
    }
    return max;
}

/* ------------------------------------------------------ the .docx copy */

typedef struct {
    const arc_result *r;
    const char *path;
    arc_error *err;
    char reason[512];
} job;

static int fail_parse(job *j, const char *part)
{
    return arc_err(j->err, ARC_EPARSE, j->path, 0, 0,
                   "无法生成批注副本：%s 无法解析", part);
}

/* Adds the comment markers to document.xml: *out is the edited part. */
static int anchor_document(job *j, docctx *d, const char *doc, size_t len,
                           const arc_input *in, long *basep, arc_buf *out)
{
    const arc_findings *fs = arc_result_findings(j->r);
    size_t nf = arc_findings_count(fs);
    xtree *t = &d->w.x;
    int rc = xparse(t, doc, len);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(j->err);
    int strict = 0;
    if (rc || !lis(t, t->root, "document") ||
        !wml_prefix(t, t->root, d->wp, &strict) || !d->wp[0])
        return fail_parse(j, DOCUMENT);
    int body = xchild(t, t->root, "body");
    if (body < 0)
        return fail_parse(j, DOCUMENT);
    /* New ids follow every id in use, here and in comments.xml. */
    if (max_comment_id(t) + 1 > *basep)
        *basep = max_comment_id(t) + 1;
    long base = *basep;

    /* The reader's lines: paragraph i is line i. */
    size_t nl = in->nlines;
    const char **lines = calloc(nl ? nl : 1, sizeof *lines);
    size_t *lens = calloc(nl ? nl : 1, sizeof *lens);
    long *label = NULL;
    size_t *chars = NULL;
    mark *m = NULL;
    edits ed = {0};
    arc_buf tmp = {0};
    rc = 0;
    if (!lines || !lens) {
        rc = arc_err_nomem(j->err);
        goto done;
    }
    for (size_t i = 0, at = 0; i < nl && at <= in->len; i++) {
        const char *nlp = memchr(in->text + at, '\n', in->len - at);
        size_t e = nlp ? (size_t)(nlp - in->text) : in->len;
        lines[i] = in->text + at;
        lens[i] = e - at;
        at = e + 1;
    }
    if ((rc = walk_blocks(&d->w, body, lines, lens, nl))) {
        rc = arc_err_nomem(j->err);
        goto done;
    }
    size_t np = d->w.npa;
    if (np != nl) {
        rc = arc_err(j->err, ARC_EPARSE, j->path, 0, 0,
                     "无法生成批注副本：文档的段落（%zu 个）与读出的行"
                     "（%zu 行）对不上",
                     np, nl);
        goto done;
    }
    label = calloc(np ? np : 1, sizeof *label);
    chars = calloc(np ? np : 1, sizeof *chars);
    m = calloc(nf ? 2 * nf : 1, sizeof *m);
    if (!label || !chars || !m) {
        rc = arc_err_nomem(j->err);
        goto done;
    }
    for (size_t i = 0; i < np; i++) {
        label[i] = d->w.pa[i].label;
        chars[i] = d->w.pa[i].chars;
    }

    /* Markers: where each finding's range starts and ends. */
    size_t nm = 0;
    for (size_t i = 0; i < nf; i++) {
        const arc_finding *f = arc_findings_get(fs, i);
        long id = base + (long)i;
        spot s, e;
        if (!np) {
            /* No paragraph at all: one is added at the start. */
            s = e = (spot){t->v[body].e, -1, -1, -1};
        } else {
            anchor a = anchor_of(f, lines, lens, label, chars, np);
            const para *pp = &d->w.pa[a.para];
            if (a.whole) {
                s = para_start(t, pp->node);
                e = para_end(t, pp->node);
            } else {
                s = locate(d, pp, a.c0, 0);
                e = locate(d, pp, a.c1, 1);
            }
        }
        m[nm++] = (mark){s, 1, id, 0};
        m[nm++] = (mark){e, e.pos == s.pos ? 2 : 0, id, 1};
    }
    qsort(m, nm, sizeof *m, cmp_mark);

    /* One edit per spot; a w:t split in two keeps its spaces. */
    unsigned char *preserved = calloc(t->nv ? t->nv : 1, 1);
    if (!preserved) {
        rc = arc_err_nomem(j->err);
        goto done;
    }
    for (size_t i = 0; i < nm && !rc;) {
        size_t k = i;
        const spot *sp = &m[i].at;
        if (!np)
            rc = arc_buf_printf(&tmp, "<%s:p>", d->wp);
        else
            rc = spot_prefix(&tmp, t, sp);
        for (; !rc && k < nm && m[k].at.pos == sp->pos; k++)
            rc = m[k].end ? end_marker(&tmp, d->wp, m[k].id)
                          : start_marker(&tmp, d->wp, m[k].id);
        if (!rc)
            rc = !np ? arc_buf_printf(&tmp, "</%s:p>", d->wp)
                     : spot_suffix(&tmp, t, sp);
        if (!rc)
            rc = edit_add(&ed, sp->pos, sp->selfclose >= 0 ? 2 : 0, &tmp);
        if (!rc && sp->t >= 0 && !preserved[sp->t] &&
            !xattr(t, sp->t, "space", &(size_t){0}, &(size_t){0})) {
            preserved[sp->t] = 1;
            rc = arc_buf_puts(&tmp, " xml:space=\"preserve\"");
            const xnode *tx = &t->v[sp->t];
            if (!rc)
                rc = edit_add(&ed, tx->e - 1, 0, &tmp);
        }
        i = k;
    }
    free(preserved);
    if (!rc)
        rc = edits_apply(&ed, doc, len, out);
    if (rc)
        rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err) : fail_parse(j, DOCUMENT);
done:
    arc_buf_free(&tmp);
    edits_free(&ed);
    free(m);
    free(label);
    free(chars);
    free(lines);
    free(lens);
    return rc;
}

/* Inserts text before the end tag of the root of t (opening a <root/>):
 * the new children of a part. */
static int append_to_root(const xtree *t, const char *children,
                          arc_buf *out)
{
    edits ed = {0};
    arc_buf tmp = {0};
    const xnode *root = &t->v[t->root];
    int rc;
    if (root->cs == root->e) {
        rc = arc_buf_printf(&tmp, ">%s</%.*s>", children, (int)root->ql,
                            t->b + root->s + 1);
        if (!rc)
            rc = edit_add(&ed, root->e - 2, 2, &tmp);
    } else {
        rc = arc_buf_puts(&tmp, children);
        if (!rc)
            rc = edit_add(&ed, root->cs, 0, &tmp);
    }
    if (!rc)
        rc = edits_apply(&ed, t->b, t->n, out);
    arc_buf_free(&tmp);
    edits_free(&ed);
    return rc;
}

/* The element name prefix of a part's root with its colon ("" or "pr:"). */
static void root_prefix(const xtree *t, char *out)
{
    const xnode *x = &t->v[t->root];
    size_t k = x->local < 32 ? x->local : 0;
    memcpy(out, t->b + x->s + 1, k);
    out[k] = '\0';
}

/* The part a relationship target names, relative to word/. */
static int rel_part(const char *b, size_t v0, size_t v1, char *out,
                    size_t size)
{
    size_t n = v1 - v0;
    const char *s = b + v0;
    if (n && s[0] == '/')
        return snprintf(out, size, "%.*s", (int)n - 1, s + 1) < (int)size;
    while (n >= 2 && s[0] == '.' && s[1] == '/')
        s += 2, n -= 2;
    if (memchr(s, '/', n) && n >= 3 && memcmp(s, "../", 3) == 0)
        return 0;
    return snprintf(out, size, "word/%.*s", (int)n, s) < (int)size;
}

static int annotate_docx(job *j, const char *data, size_t len, char **out,
                         size_t *outlen)
{
    const arc_findings *fs = arc_result_findings(j->r);
    arc_pkg *pkg = NULL;
    arc_input in = {0};
    docctx d = {0};
    xtree rels = {0}, cmt = {0}, ct = {0};
    char *doc = NULL, *relsx = NULL, *cmtx = NULL, *ctx = NULL;
    size_t doclen = 0, relslen = 0, cmtlen = 0, ctlen = 0;
    arc_buf newdoc = {0}, newrels = {0}, newcmt = {0}, newct = {0},
            kids = {0};
    char cpart[256] = "word/comments.xml";
    int rc;
    arc_input_limits lim = {MAX_BYTES, 10000, NULL};
    arc_pkg_limits plim = {MAX_BYTES, 10000, NULL};
    rc = arc_input_docx(&in, data, len, &lim, j->reason, sizeof j->reason);
    if (!rc)
        rc = arc_pkg_open(&pkg, data, len, &plim, j->reason,
                          sizeof j->reason);
    if (!rc)
        rc = arc_pkg_read(pkg, DOCUMENT, 0, &doc, &doclen, j->reason,
                          sizeof j->reason);
    if (!rc)
        rc = arc_pkg_read(pkg, DOCUMENT_RELS, 0, &relsx, &relslen, j->reason,
                          sizeof j->reason);
    if (!rc)
        rc = arc_pkg_read(pkg, CONTENT_TYPES, 0, &ctx, &ctlen, j->reason,
                          sizeof j->reason);
    if (rc) {
        rc = rc == ARC_ENOMEM
                 ? arc_err_nomem(j->err)
                 : arc_err(j->err, ARC_EPARSE, j->path, 0, 0,
                           "无法生成批注副本：%s", j->reason);
        goto done;
    }
    if (!doc || !ctx) {
        rc = arc_err(j->err, ARC_EPARSE, j->path, 0, 0,
                     "无法生成批注副本：文档缺少 %s",
                     doc ? CONTENT_TYPES : DOCUMENT);
        goto done;
    }

    /* The comments part: the one the document names, else a new one. */
    int has_rel = 0, strict = 0;
    long rid = 0;
    if (relsx) {
        if ((rc = xparse(&rels, relsx, relslen)) ||
            !lis(&rels, rels.root, "Relationships")) {
            rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err)
                                  : fail_parse(j, DOCUMENT_RELS);
            goto done;
        }
        for (int c = rels.v[rels.root].first; c >= 0; c = rels.v[c].next) {
            size_t v0, v1;
            if (!lis(&rels, c, "Relationship"))
                continue;
            if (xattr(&rels, c, "Id", &v0, &v1) && v1 - v0 > 3 &&
                v1 - v0 < 12 && memcmp(relsx + v0, "rId", 3) == 0) {
                long v = strtol(relsx + v0 + 3, NULL, 10);
                if (v > rid)
                    rid = v;
            }
            if (!xattr(&rels, c, "Type", &v0, &v1) || v1 - v0 < 9 ||
                memcmp(relsx + v1 - 9, "/comments", 9) != 0)
                continue;
            if (!xattr(&rels, c, "Target", &v0, &v1) ||
                !rel_part(relsx, v0, v1, cpart, sizeof cpart)) {
                rc = fail_parse(j, DOCUMENT_RELS);
                goto done;
            }
            has_rel = 1;
        }
    }
    if (!has_rel)
        /* An unreferenced comments.xml lying about is left alone. */
        for (int k = 2; arc_pkg_has(pkg, cpart) && k < 100; k++)
            snprintf(cpart, sizeof cpart, "word/comments%d.xml", k);
    if (has_rel && (rc = arc_pkg_read(pkg, cpart, 0, &cmtx, &cmtlen, j->reason,
                                      sizeof j->reason))) {
        rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err)
                              : arc_err(j->err, ARC_EPARSE, j->path, 0, 0,
                                        "无法生成批注副本：%s", j->reason);
        goto done;
    }
    char cw[32] = "w";
    long base = 0;
    if (cmtx) {
        int st;
        if ((rc = xparse(&cmt, cmtx, cmtlen)) ||
            !lis(&cmt, cmt.root, "comments") ||
            !wml_prefix(&cmt, cmt.root, cw, &st) || !cw[0]) {
            rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err)
                                  : fail_parse(j, cpart);
            goto done;
        }
        base = max_comment_id(&cmt) + 1;
    }

    if ((rc = anchor_document(j, &d, doc, doclen, &in, &base, &newdoc)))
        goto done;
    wml_prefix(&d.w.x, d.w.x.root, d.wp, &strict);

    /* comments.xml */
    if ((rc = comment_elements(&kids, cw, fs, base))) {
        rc = arc_err_nomem(j->err);
        goto done;
    }
    if (cmtx)
        rc = append_to_root(&cmt, kids.data ? kids.data : "", &newcmt);
    else
        rc = arc_buf_printf(&newcmt,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                            "standalone=\"yes\"?>\r\n<w:comments "
                            "xmlns:w=\"%s\">%s</w:comments>",
                            strict ? NS_W_STRICT : NS_W,
                            kids.data ? kids.data : "");
    if (rc) {
        rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err) : fail_parse(j, cpart);
        goto done;
    }

    /* The relationship from the document to it. */
    if (!has_rel) {
        const char *target = cpart + 5; /* after word/ */
        char pre[40] = "";
        arc_buf_free(&kids);
        if (relsx)
            root_prefix(&rels, pre);
        /* An id no other relationship has: past the largest rIdN. */
        rc = arc_buf_printf(&kids,
                            "<%sRelationship Id=\"rId%ld\" Type=\"%scomments\" "
                            "Target=\"%s\"/>",
                            pre, rid + 1, strict ? REL_BASE_STRICT : REL_BASE,
                            target);
        if (!rc)
            rc = relsx ? append_to_root(&rels, kids.data, &newrels)
                       : arc_buf_printf(&newrels,
                                        "<?xml version=\"1.0\" encoding="
                                        "\"UTF-8\" standalone=\"yes\"?>\r\n"
                                        "<Relationships xmlns=\"" NS_REL
                                        "\">%s</Relationships>",
                                        kids.data);
        if (rc) {
            rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err)
                                  : fail_parse(j, DOCUMENT_RELS);
            goto done;
        }
    }

    /* Its content type, unless the package already declares it. */
    if ((rc = xparse(&ct, ctx, ctlen)) || !lis(&ct, ct.root, "Types")) {
        rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err)
                              : fail_parse(j, CONTENT_TYPES);
        goto done;
    }
    int declared = 0;
    for (int c = ct.v[ct.root].first; c >= 0; c = ct.v[c].next) {
        size_t v0, v1;
        if (lis(&ct, c, "Override") && xattr(&ct, c, "PartName", &v0, &v1) &&
            v1 - v0 == strlen(cpart) + 1 && ctx[v0] == '/' &&
            strncasecmp(ctx + v0 + 1, cpart, strlen(cpart)) == 0)
            declared = 1;
    }
    if (!declared) {
        char pre[40];
        root_prefix(&ct, pre);
        arc_buf_free(&kids);
        rc = arc_buf_printf(&kids,
                            "<%sOverride PartName=\"/%s\" ContentType=\"" CT_COMMENTS
                            "\"/>",
                            pre, cpart);
        if (!rc)
            rc = append_to_root(&ct, kids.data, &newct);
        if (rc) {
            rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err)
                                  : fail_parse(j, CONTENT_TYPES);
            goto done;
        }
    }

    arc_pkg_part parts[4];
    size_t np = 0;
    parts[np++] = (arc_pkg_part){DOCUMENT, newdoc.data, newdoc.len};
    parts[np++] = (arc_pkg_part){cpart, newcmt.data, newcmt.len};
    if (newrels.data)
        parts[np++] = (arc_pkg_part){DOCUMENT_RELS, newrels.data,
                                     newrels.len};
    if (newct.data)
        parts[np++] = (arc_pkg_part){CONTENT_TYPES, newct.data, newct.len};
    rc = arc_pkg_rewrite(pkg, parts, np, out, outlen, j->reason,
                         sizeof j->reason);
    if (rc)
        rc = rc == ARC_ENOMEM ? arc_err_nomem(j->err)
                              : arc_err(j->err, ARC_EIO, j->path, 0, 0,
                                        "无法生成批注副本：%s", j->reason);
done:
    arc_pkg_close(pkg);
    arc_input_free(&in);
    xfree(&d.w.x);
    free(d.w.pa);
    free(d.w.pc);
    arc_buf_free(&d.w.text);
    xfree(&rels);
    xfree(&cmt);
    xfree(&ct);
    free(doc);
    free(relsx);
    free(cmtx);
    free(ctx);
    arc_buf_free(&newdoc);
    arc_buf_free(&newrels);
    arc_buf_free(&newcmt);
    arc_buf_free(&newct);
    arc_buf_free(&kids);
    return rc;
}

/* ---------------------------------------------- a new .docx from text */

static const char styles_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    "<w:styles xmlns:w=\"" NS_W "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
    "w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" "
    "w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"300\" "
    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name "
    "w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next "
    "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"center\"/>"
    "<w:spacing w:before=\"240\" w:after=\"240\"/></w:pPr><w:rPr><w:b/>"
    "<w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr></w:style>"
    "%s"
    "<w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name "
    "w:val=\"annotation text\"/><w:basedOn w:val=\"Normal\"/><w:rPr>"
    "<w:sz w:val=\"20\"/></w:rPr></w:style>"
    "</w:styles>";

static int heading_styles(arc_buf *b)
{
    static const int size[] = {32, 30, 28, 26, 24, 24, 24, 24, 24};
    for (int k = 0; k < 9; k++)
        if (arc_buf_printf(b,
                           "<w:style w:type=\"paragraph\" "
                           "w:styleId=\"Heading%d\"><w:name w:val=\"heading "
                           "%d\"/><w:basedOn w:val=\"Normal\"/><w:next "
                           "w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                           "<w:keepNext/><w:spacing w:before=\"120\"/>"
                           "<w:outlineLvl w:val=\"%d\"/></w:pPr><w:rPr><w:b/>"
                           "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>"
                           "</w:style>",
                           k + 1, k + 1, k, size[k], size[k]))
            return ARC_ENOMEM;
    return 0;
}

/* Characters [a, b) of line s (n bytes): runs of text, tabs as w:tab. */
static int put_runs(arc_buf *out, const char *s, size_t n, size_t a, size_t b)
{
    size_t i = arc_utf8_prefix(s, n, a);
    size_t e = i + arc_utf8_prefix(s + i, n - i, b - a);
    while (i < e) {
        if (s[i] == '\t') {
            if (arc_buf_puts(out, "<w:r><w:tab/></w:r>"))
                return ARC_ENOMEM;
            i++;
            continue;
        }
        const char *tab = memchr(s + i, '\t', e - i);
        size_t k = tab ? (size_t)(tab - s) : e;
        if (arc_buf_puts(out, "<w:r><w:t xml:space=\"preserve\">") ||
            put_text(out, s + i, k - i) || arc_buf_puts(out, "</w:t></w:r>"))
            return ARC_ENOMEM;
        i = k;
    }
    return 0;
}

typedef struct {
    size_t c;  /* character position in the line */
    int phase; /* as mark.phase */
    long id;
    int end;
} lmark;

static int cmp_lmark(const void *a, const void *b)
{
    const lmark *x = a, *y = b;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    if (x->phase != y->phase)
        return x->phase - y->phase;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int trimmed_equal(const char *s, size_t n, const char *t)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n && strlen(t) == n && memcmp(s, t, n) == 0;
}

static int build_document(job *j, arc_buf *out)
{
    const arc_result *r = j->r;
    const arc_kept_text *k = &r->kept;
    const arc_findings *fs = arc_result_findings(r);
    size_t nf = arc_findings_count(fs);
    /* Lines as archeck counts them: LF, CRLF and CR end a line. */
    size_t nl = 1;
    for (size_t i = 0; i < k->orig_len; i++)
        if (k->orig[i] == '\n' ||
            (k->orig[i] == '\r' &&
             (i + 1 == k->orig_len || k->orig[i + 1] != '\n')))
            nl++;
    const char **lines = calloc(nl, sizeof *lines);
    size_t *lens = calloc(nl, sizeof *lens), *chars = calloc(nl, sizeof *chars);
    long *label = calloc(nl, sizeof *label);
    int *level = calloc(nl, sizeof *level);
    lmark *m = calloc(nf ? 2 * nf : 1, sizeof *m);
    size_t *nmark = calloc(nl + 1, sizeof *nmark);
    int rc = 0;
    if (!lines || !lens || !chars || !label || !level || !m || !nmark) {
        rc = ARC_ENOMEM;
        goto done;
    }
    for (size_t i = 0, at = 0; i < nl; i++) {
        size_t e = at;
        while (e < k->orig_len && k->orig[e] != '\n' && k->orig[e] != '\r')
            e++;
        lines[i] = k->orig + at;
        lens[i] = e - at;
        chars[i] = arc_utf8_count(lines[i], lens[i]);
        at = e + (e + 1 < k->orig_len && k->orig[e] == '\r' &&
                          k->orig[e + 1] == '\n'
                      ? 2
                      : 1);
    }
    /* The text file's last line end does not start a paragraph. */
    if (nl > 1 && lens[nl - 1] == 0)
        nl--;
    for (size_t i = 0; i < k->nheadings; i++) {
        const arc_heading *h = &k->headings[i];
        if (h->line >= 1 && (size_t)h->line <= nl)
            level[h->line - 1] = h->level < 1 ? 1 : h->level > 9 ? 9 : h->level;
    }
    const char *title = arc_result_title(r);
    for (size_t i = 0; i < nl && i < 8; i++)
        if (!level[i] && title[0] && trimmed_equal(lines[i], lens[i], title)) {
            level[i] = -1;
            break;
        }

    /* Markers per line, by character. */
    size_t *line_of = calloc(nf ? 2 * nf : 1, sizeof *line_of);
    if (!line_of) {
        rc = ARC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < nf; i++) {
        anchor a = anchor_of(arc_findings_get(fs, i), lines, lens, label,
                             chars, nl);
        size_t c0 = a.whole ? 0 : a.c0, c1 = a.whole ? chars[a.para] : a.c1;
        long id = (long)i;
        m[2 * i] = (lmark){c0, 1, id, 0};
        m[2 * i + 1] = (lmark){c1, c1 == c0 ? 2 : 0, id, 1};
        line_of[2 * i] = line_of[2 * i + 1] = a.para;
    }
    /* Group the markers by line (counting sort), then by position. */
    lmark *sorted = calloc(nf ? 2 * nf : 1, sizeof *sorted);
    if (!sorted) {
        free(line_of);
        rc = ARC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < 2 * nf; i++)
        nmark[line_of[i] + 1]++;
    for (size_t i = 0; i < nl; i++)
        nmark[i + 1] += nmark[i];
    {
        size_t *fill = calloc(nl, sizeof *fill);
        if (!fill) {
            free(sorted);
            free(line_of);
            rc = ARC_ENOMEM;
            goto done;
        }
        for (size_t i = 0; i < 2 * nf; i++)
            sorted[nmark[line_of[i]] + fill[line_of[i]]++] = m[i];
        free(fill);
    }
    free(line_of);
    for (size_t i = 0; i < nl; i++)
        qsort(sorted + nmark[i], nmark[i + 1] - nmark[i], sizeof *sorted,
              cmp_lmark);

    rc = arc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                           "standalone=\"yes\"?>\r\n<w:document xmlns:w=\"" NS_W
                           "\"><w:body>");
    for (size_t i = 0; !rc && i < nl; i++) {
        rc = arc_buf_puts(out, "<w:p>");
        int brk = k->page && i > 0 && i < k->nlines &&
                  k->page[i] != k->page[i - 1];
        if (!rc && (level[i] || brk)) {
            rc = arc_buf_puts(out, "<w:pPr>");
            if (!rc && level[i] < 0)
                rc = arc_buf_puts(out, "<w:pStyle w:val=\"Title\"/>");
            else if (!rc && level[i] > 0)
                rc = arc_buf_printf(out, "<w:pStyle w:val=\"Heading%d\"/>",
                                    level[i]);
            if (!rc && brk)
                rc = arc_buf_puts(out, "<w:pageBreakBefore/>");
            if (!rc)
                rc = arc_buf_puts(out, "</w:pPr>");
        }
        size_t at = 0;
        for (size_t q = nmark[i]; !rc && q < nmark[i + 1]; q++) {
            const lmark *x = &sorted[q];
            rc = put_runs(out, lines[i], lens[i], at, x->c);
            at = x->c;
            if (!rc)
                rc = x->end ? end_marker(out, "w", x->id)
                            : start_marker(out, "w", x->id);
        }
        if (!rc)
            rc = put_runs(out, lines[i], lens[i], at, chars[i]);
        if (!rc)
            rc = arc_buf_puts(out, "</w:p>");
    }
    if (!rc)
        rc = arc_buf_puts(out,
                          "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                          "<w:pgMar w:top=\"1440\" w:right=\"1800\" "
                          "w:bottom=\"1440\" w:left=\"1800\" w:header=\"851\" "
                          "w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
                          "</w:body></w:document>");
    free(sorted);
done:
    free(lines);
    free(lens);
    free(chars);
    free(label);
    free(level);
    free(m);
    free(nmark);
    return rc ? ARC_ENOMEM : 0;
}

static int create_docx(job *j, char **out, size_t *outlen)
{
    const arc_result *r = j->r;
    const arc_findings *fs = arc_result_findings(r);
    arc_buf doc = {0}, sty = {0}, hs = {0}, cmt = {0}, core = {0};
    int rc = build_document(j, &doc);
    if (!rc)
        rc = heading_styles(&hs);
    if (!rc)
        rc = arc_buf_printf(&sty, styles_xml, hs.data);
    if (!rc)
        rc = arc_buf_puts(&cmt, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                                "standalone=\"yes\"?>\r\n<w:comments "
                                "xmlns:w=\"" NS_W "\">");
    if (!rc)
        rc = comment_elements(&cmt, "w", fs, 0);
    if (!rc)
        rc = arc_buf_puts(&cmt, "</w:comments>");
    if (!rc)
        rc = arc_buf_puts(
            &core,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
            "package/2006/metadata/core-properties\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    if (!rc)
        rc = put_text(&core, arc_result_title(r), strlen(arc_result_title(r)));
    if (!rc)
        rc = arc_buf_puts(&core, "</dc:title><dc:creator>" AUTHOR
                                 "</dc:creator></cp:coreProperties>");
    static const char types[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
        "content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/"
        "vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_MAIN
        "document.main+xml\"/>"
        "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_MAIN
        "styles+xml\"/>"
        "<Override PartName=\"/word/comments.xml\" ContentType=\"" CT_COMMENTS
        "\"/>"
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
        "vnd.openxmlformats-package.core-properties+xml\"/></Types>";
    static const char rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        "<Relationships xmlns=\"" NS_REL "\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_BASE "officeDocument\" "
        "Target=\"word/document.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
        "package/2006/relationships/metadata/core-properties\" "
        "Target=\"docProps/core.xml\"/></Relationships>";
    static const char doc_rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        "<Relationships xmlns=\"" NS_REL "\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_BASE "styles\" "
        "Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" REL_BASE "comments\" "
        "Target=\"comments.xml\"/></Relationships>";
    if (!rc) {
        arc_pkg_part parts[] = {
            {CONTENT_TYPES, types, sizeof types - 1},
            {"_rels/.rels", rels, sizeof rels - 1},
            {DOCUMENT, doc.data, doc.len},
            {DOCUMENT_RELS, doc_rels, sizeof doc_rels - 1},
            {"word/styles.xml", sty.data, sty.len},
            {"word/comments.xml", cmt.data, cmt.len},
            {"docProps/core.xml", core.data, core.len},
        };
        rc = arc_pkg_create(parts, ARC_ARRAY_LEN(parts), out, outlen,
                            j->reason, sizeof j->reason);
        if (rc && rc != ARC_ENOMEM)
            rc = arc_err(j->err, ARC_EIO, j->path, 0, 0,
                         "无法生成批注副本：%s", j->reason);
    }
    if (rc == ARC_ENOMEM)
        rc = arc_err_nomem(j->err);
    arc_buf_free(&doc);
    arc_buf_free(&sty);
    arc_buf_free(&hs);
    arc_buf_free(&cmt);
    arc_buf_free(&core);
    return rc;
}

/* --------------------------------------------------------------- entry */

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int arc_annotate(const arc_result *r, const char *src_path,
                 const char *out_path, arc_error *err)
{
    if (!r || !src_path || !out_path)
        return arc_err(err, ARC_EINVAL, NULL, 0, 0, "参数无效");
    if (r->status != ARC_RESULT_CHECKED)
        return arc_err(err, ARC_EINVAL, src_path, 0, 0,
                       "文件未能检查，不生成批注副本");
    if (same_file(src_path, out_path))
        return arc_err(err, ARC_EINVAL, out_path, 0, 0,
                       "批注副本不能覆盖原文件");
    job j = {r, src_path, err, ""};
    char *out = NULL;
    size_t outlen = 0;
    int rc;
    if (strcmp(r->format, "docx") == 0) {
        char *data = NULL;
        size_t len = 0;
        /* The check read it under the run's size limit already. */
        if ((rc = arc_read_file(&data, &len, src_path, 0, err)))
            return rc;
        if (!arc_findings_count(r->findings)) {
            /* Nothing to mark: the copy is the original. */
            rc = arc_write_atomic(out_path, data, len, err);
            free(data);
            return rc;
        }
        rc = annotate_docx(&j, data, len, &out, &outlen);
        free(data);
    } else {
        if (!r->kept.orig)
            return arc_err(err, ARC_EINVAL, src_path, 0, 0,
                           "生成批注副本需要保留的正文（ARC_RUN_KEEP_TEXT）");
        rc = create_docx(&j, &out, &outlen);
    }
    if (!rc)
        rc = arc_write_atomic(out_path, out, outlen, err);
    free(out);
    return rc;
}

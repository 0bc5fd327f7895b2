/* input_rtf.c - .rtf to text, one line per paragraph or table cell, as
 * the Word readers give them.
 *
 * A tokenizer, not a text filter: groups, control words with their numeric
 * parameters, control symbols.  Destinations that are not body text are
 * skipped (anything starred {\*\…} that is not known, and fonttbl,
 * colortbl, stylesheet, info, pict, object, headers, footers, footnotes,
 * annotations, list tables, shapes …); the font table and the style sheet
 * are read for code pages and heading levels.  \par, \cell and \sect end
 * lines; \line, like Word's manual line break in .docx, keeps the paragraph
 * on one line.  Text is \uN (skipping the \ucN fallback characters that
 * follow it) or bytes (\'hh and plain 8-bit characters) in the code page of
 * the current font's \fcharset or \cpg, else the document's \ansicpg; in
 * a document whose \ansicpg is Chinese, Japanese or Korean a font declared
 * as Western (\fcharset0) does not turn its bytes into Latin-1, and in one
 * whose code page is single-byte, plain (unescaped) bytes that form UTF-8
 * are read as UTF-8 (some writers put it there; as Latin-1 it would be
 * nonsense such as "ä¸­").  Field
 * results (\fldrslt) are text, field codes are not; deleted revisions
 * (\deleted) and hidden text (\v) are dropped; list labels written as
 * \listtext are kept, as shown.
 *
 * Groups are a stack, not recursion, and nest at most MAX_DEPTH deep; the
 * text is capped at arc_input_limits.max_uncompressed bytes. */
#include "input.h"

#include "archeck.h"
#include "text.h"
#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAD "不是有效的 RTF 文档："
#define MAX_DEPTH 512
#define MAX_WORD 32     /* letters of a control word kept */
#define MAX_FONTS 4096  /* font numbers \f0 … kept (tables by number) */
#define MAX_STYLES 4096 /* style numbers \s0 … kept */
#define MAX_UC 16       /* \ucN beyond this is not a real fallback count */
#define HOPS 10         /* \sbasedon links followed: cycles end */

enum { D_TEXT, D_SKIP, D_FONTS, D_STYLES };

enum {
    K_SKIP, K_CODEPAGE, K_ANSICPG, K_BIN, K_CHAR, K_CELL, K_ROW, K_CPG,
    K_CHARSTYLE, K_DEFF, K_DELETED, K_FONT, K_FCHARSET, K_FONTTBL, K_LINE,
    K_LABEL, K_OUTLINE, K_PAR, K_PARD, K_PLAIN, K_STYLE, K_BASEDON, K_SECT,
    K_STYLESHEET, K_TAB, K_U, K_UC, K_UD, K_UPR, K_HIDDEN
};

typedef struct {
    const char *word;
    unsigned char kind;
    uint32_t arg;
} keyword;

/* Sorted by strcmp for bsearch. */
static const keyword keywords[] = {
        {"aftncn", K_SKIP, 0},
        {"aftnsep", K_SKIP, 0},
        {"aftnsepc", K_SKIP, 0},
        {"annotation", K_SKIP, 0},
        {"ansi", K_CODEPAGE, 0x04E4},
        {"ansicpg", K_ANSICPG, 0},
        {"atnauthor", K_SKIP, 0},
        {"atndate", K_SKIP, 0},
        {"atnicn", K_SKIP, 0},
        {"atnid", K_SKIP, 0},
        {"atnparent", K_SKIP, 0},
        {"atnref", K_SKIP, 0},
        {"atntime", K_SKIP, 0},
        {"atrfend", K_SKIP, 0},
        {"atrfstart", K_SKIP, 0},
        {"background", K_SKIP, 0},
        {"bin", K_BIN, 0},
        {"bkmkend", K_SKIP, 0},
        {"bkmkstart", K_SKIP, 0},
        {"blipuid", K_SKIP, 0},
        {"bullet", K_CHAR, 0x2022},
        {"cell", K_CELL, 0},
        {"colorschememapping", K_SKIP, 0},
        {"colortbl", K_SKIP, 0},
        {"cpg", K_CPG, 0},
        {"cs", K_CHARSTYLE, 0},
        {"datafield", K_SKIP, 0},
        {"datastore", K_SKIP, 0},
        {"deff", K_DEFF, 0},
        {"deleted", K_DELETED, 0},
        {"do", K_SKIP, 0},
        {"docvar", K_SKIP, 0},
        {"ds", K_CHARSTYLE, 0},
        {"emdash", K_CHAR, 0x2014},
        {"emspace", K_CHAR, 0x2003},
        {"endash", K_CHAR, 0x2013},
        {"enspace", K_CHAR, 0x2002},
        {"f", K_FONT, 0},
        {"falt", K_SKIP, 0},
        {"fchars", K_SKIP, 0},
        {"fcharset", K_FCHARSET, 0},
        {"filetbl", K_SKIP, 0},
        {"fldinst", K_SKIP, 0},
        {"fonttbl", K_FONTTBL, 0},
        {"footer", K_SKIP, 0},
        {"footerf", K_SKIP, 0},
        {"footerl", K_SKIP, 0},
        {"footerr", K_SKIP, 0},
        {"footnote", K_SKIP, 0},
        {"ftncn", K_SKIP, 0},
        {"ftnsep", K_SKIP, 0},
        {"ftnsepc", K_SKIP, 0},
        {"generator", K_SKIP, 0},
        {"header", K_SKIP, 0},
        {"headerf", K_SKIP, 0},
        {"headerl", K_SKIP, 0},
        {"headerr", K_SKIP, 0},
        {"htmltag", K_SKIP, 0},
        {"info", K_SKIP, 0},
        {"latentstyles", K_SKIP, 0},
        {"lchars", K_SKIP, 0},
        {"ldblquote", K_CHAR, 0x201C},
        {"line", K_LINE, 0},
        {"listoverridetable", K_SKIP, 0},
        {"listpicture", K_SKIP, 0},
        {"listtable", K_SKIP, 0},
        {"listtext", K_LABEL, 0},
        {"lquote", K_CHAR, 0x2018},
        {"mac", K_CODEPAGE, 0x2710},
        {"mhtmltag", K_SKIP, 0},
        {"mmathPr", K_SKIP, 0},
        {"nestcell", K_CELL, 0},
        {"nestrow", K_ROW, 0},
        {"nesttableprops", K_SKIP, 0},
        {"nonesttables", K_SKIP, 0},
        {"nonshppict", K_SKIP, 0},
        {"objdata", K_SKIP, 0},
        {"object", K_SKIP, 0},
        {"oldcprops", K_SKIP, 0},
        {"oldpprops", K_SKIP, 0},
        {"oldsprops", K_SKIP, 0},
        {"oldtprops", K_SKIP, 0},
        {"operator", K_SKIP, 0},
        {"outlinelevel", K_OUTLINE, 0},
        {"panose", K_SKIP, 0},
        {"par", K_PAR, 0},
        {"pard", K_PARD, 0},
        {"passwordhash", K_SKIP, 0},
        {"pc", K_CODEPAGE, 0x01B5},
        {"pca", K_CODEPAGE, 0x0352},
        {"pgdsctbl", K_SKIP, 0},
        {"pict", K_SKIP, 0},
        {"plain", K_PLAIN, 0},
        {"pn", K_SKIP, 0},
        {"pnseclvl", K_SKIP, 0},
        {"pntext", K_LABEL, 0},
        {"pntxta", K_SKIP, 0},
        {"pntxtb", K_SKIP, 0},
        {"private", K_SKIP, 0},
        {"protusertbl", K_SKIP, 0},
        {"pxe", K_SKIP, 0},
        {"qmspace", K_CHAR, 0x2005},
        {"rdblquote", K_CHAR, 0x201D},
        {"revtbl", K_SKIP, 0},
        {"row", K_ROW, 0},
        {"rquote", K_CHAR, 0x2019},
        {"rsidtbl", K_SKIP, 0},
        {"rxe", K_SKIP, 0},
        {"s", K_STYLE, 0},
        {"sbasedon", K_BASEDON, 0},
        {"sect", K_SECT, 0},
        {"shp", K_SKIP, 0},
        {"shpinst", K_SKIP, 0},
        {"shppict", K_SKIP, 0},
        {"shprslt", K_SKIP, 0},
        {"sn", K_SKIP, 0},
        {"sp", K_SKIP, 0},
        {"stylesheet", K_STYLESHEET, 0},
        {"sv", K_SKIP, 0},
        {"tab", K_TAB, 0},
        {"tc", K_SKIP, 0},
        {"tcn", K_SKIP, 0},
        {"template", K_SKIP, 0},
        {"themedata", K_SKIP, 0},
        {"ts", K_CHARSTYLE, 0},
        {"txe", K_SKIP, 0},
        {"u", K_U, 0},
        {"uc", K_UC, 0},
        {"ud", K_UD, 0},
        {"upr", K_UPR, 0},
        {"userprops", K_SKIP, 0},
        {"v", K_HIDDEN, 0},
        {"wgrffmtfilter", K_SKIP, 0},
        {"xe", K_SKIP, 0},
        {"xmlnstbl", K_SKIP, 0},
        {"xmlopen", K_SKIP, 0},
};

typedef struct {
    unsigned char dest;      /* D_* */
    unsigned char upr_dest;  /* the destination \ud returns to in \upr */
    unsigned char hidden;    /* \v */
    unsigned char deleted;   /* \deleted */
    unsigned char label;     /* inside \listtext or \pntext */
    unsigned char fresh;     /* nothing but \* read since the group began */
    unsigned char star;      /* the group began with \* */
    unsigned char uc;        /* fallback characters after \uN */
    int font;                /* \fN, -1 for the default font */
    int style;               /* \sN of the paragraph */
    int outline;             /* \outlinelevelN, -1 unset */
} group;

typedef struct {
    int defined;
    int base;    /* \sbasedonN, -1 none */
    int outline; /* \outlinelevelN, -1 unset */
    int named;   /* N for "heading N" / "标题 N" */
} rstyle;

typedef struct {
    const unsigned char *p, *end;
    group g;
    group *stack;
    size_t depth, scap;
    int doc_cp;  /* \ansicpgN, else from \ansi \mac \pc \pca */
    int deff;
    int *font_cp;  /* by font number: its code page, 0 when not given */
    int cur_font;  /* the font table entry being read, -1 none */
    rstyle *style; /* by style number (paragraph styles) */
    size_t styles_depth; /* depth of the stylesheet group, 0 outside */
    int in_entry;  /* a style sheet entry is being read: */
    rstyle cur;    /* what it says so far, */
    int cur_num;   /* its number (\s, 0 when none is given), */
    int cur_para;  /* and whether it is a paragraph style */
    arc_input *out;
    size_t cap, ocap;
    arc_input name; /* the style name being read */
    size_t ncap;
    char *pend;     /* bytes waiting to be decoded together */
    size_t npend, cpend;
    arc_input *pend_in;
    size_t *pend_cap;
    int pend_cp;
    arc_decoder *dec;
    int dec_cp;
    int fallback; /* characters still to skip after \uN */
    uint32_t hi;  /* a high surrogate waiting for its pair */
    size_t max;
    char *reason;
    size_t rsize;
} rtf;

static int nomem(rtf *r)
{
    return arc_reason(r->reason, r->rsize, ARC_ENOMEM, "内存不足");
}

static int too_big(rtf *r)
{
    if (r->max >= ((size_t)1 << 20))
        return arc_reason(r->reason, r->rsize, ARC_EPARSE,
                          "文字超过 %zu MiB，拒绝读取", r->max >> 20);
    return arc_reason(r->reason, r->rsize, ARC_EPARSE,
                      "文字超过 %zu 字节，拒绝读取", r->max);
}

static int cmp_keyword(const void *key, const void *e)
{
    return strcmp((const char *)key, ((const keyword *)e)->word);
}

/* ---------------------------------------------------------- code pages */

/* The Windows code page of an \fcharset, 0 when the charset says none. */
static int charset_cp(long cs)
{
    static const int t[][2] = {
        {0, 1252},   {2, 1252},   {77, 10000}, {128, 932},  {129, 949},
        {130, 1361}, {134, 936},  {136, 950},  {161, 1253}, {162, 1254},
        {163, 1258}, {177, 1255}, {178, 1256}, {186, 1257}, {204, 1251},
        {222, 874},  {238, 1250}, {255, 437},
    };
    for (size_t i = 0; i < ARC_ARRAY_LEN(t); i++)
        if (t[i][0] == cs)
            return t[i][1];
    return 0;
}

static int double_byte(int cp)
{
    return cp == 932 || cp == 936 || cp == 949 || cp == 950 || cp == 1361;
}

/* The iconv name of a Windows code page; 936 is read as GB18030, the
 * superset Chinese offices' GBK text fits in. */
static const char *cp_name(int cp, char *buf, size_t size)
{
    switch (cp) {
    case 936:
    case 54936:
        return "GB18030";
    case 950:
        return "BIG5";
    case 1361:
        return "JOHAB";
    case 10000:
        return "MACINTOSH";
    case 65001:
        return "UTF-8";
    default:
        snprintf(buf, size, "CP%d", cp);
        return buf;
    }
}

/* The code page of bytes in the current font. */
static int current_cp(const rtf *r)
{
    int num = r->g.font >= 0 ? r->g.font : r->deff;
    int cp = r->font_cp && num >= 0 && num < MAX_FONTS && r->font_cp[num]
                 ? r->font_cp[num]
                 : r->doc_cp;
    if (cp == 1252 && double_byte(r->doc_cp))
        cp = r->doc_cp;
    return cp;
}

/* --------------------------------------------------------------- output */

/* Where text goes now (the document or a style name), or NULL. */
static arc_input *sink(rtf *r, size_t **cap)
{
    if (r->g.dest == D_TEXT && !r->g.hidden && !r->g.deleted) {
        *cap = &r->cap;
        return r->out;
    }
    if (r->g.dest == D_STYLES && r->in_entry) {
        *cap = &r->ncap;
        return &r->name;
    }
    return NULL;
}

static int check_size(rtf *r)
{
    return r->out->len > r->max ? too_big(r) : 0;
}

/* Decodes the bytes waiting in the code page they came in. */
static int flush(rtf *r)
{
    if (!r->npend)
        return 0;
    size_t n = r->npend;
    r->npend = 0;
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)r->pend[i] < 0x80;
    if (ascii) {
        if (arc_input_append(r->pend_in, r->pend_cap, r->pend, n))
            return nomem(r);
        return check_size(r);
    }
    if (!r->dec || r->dec_cp != r->pend_cp) {
        char buf[16];
        arc_decoder_free(r->dec);
        r->dec = NULL;
        int rc = arc_decoder_open(&r->dec,
                                  cp_name(r->pend_cp, buf, sizeof buf));
        if (rc == ARC_EINVAL) /* a code page iconv does not know */
            rc = arc_decoder_open(&r->dec, "CP1252");
        if (rc)
            return nomem(r);
        r->dec_cp = r->pend_cp;
    }
    if (arc_decoder_append(r->dec, r->pend_in, r->pend_cap, r->pend, n))
        return nomem(r);
    return check_size(r);
}

static int put_cp(rtf *r, arc_input *in, size_t *cap, uint32_t cp)
{
    char buf[4];
    if (arc_input_append(in, cap, buf, arc_utf8_encode(cp, buf)))
        return nomem(r);
    return check_size(r);
}

/* A lone high surrogate becomes U+FFFD before anything else is written. */
static int drop_hi(rtf *r)
{
    if (!r->hi)
        return 0;
    r->hi = 0;
    size_t *cap;
    arc_input *in = sink(r, &cap);
    return in ? put_cp(r, in, cap, 0xFFFD) : 0;
}

/* One byte of text (\'hh or a plain character). */
static int text_byte(rtf *r, unsigned char b)
{
    int rc;
    if (r->fallback) {
        r->fallback--;
        return 0;
    }
    r->g.fresh = 0;
    if ((rc = drop_hi(r)))
        return rc;
    size_t *cap;
    arc_input *in = sink(r, &cap);
    if (!in || (b < 0x20 && b != '\t'))
        return 0;
    if (b == '\t')
        b = ' ';
    /* Writers pad list labels with spaces that do not show. */
    if (b == ' ' && r->g.label && in == r->out && !r->npend &&
        (!in->len || in->text[in->len - 1] == '\n'))
        return 0;
    int cp = current_cp(r);
    if (r->npend && (r->pend_in != in || r->pend_cp != cp) && (rc = flush(r)))
        return rc;
    if (arc_grow((void **)&r->pend, &r->cpend, r->npend + 1, 1))
        return nomem(r);
    r->pend[r->npend++] = (char)b;
    r->pend_in = in;
    r->pend_cap = cap;
    r->pend_cp = cp;
    return 0;
}

/* One character given as a code point (\uN, \emdash …). */
static int text_char(rtf *r, uint32_t c)
{
    int rc;
    r->g.fresh = 0;
    if ((rc = flush(r)))
        return rc;
    size_t *cap;
    arc_input *in = sink(r, &cap);
    if (c >= 0xDC00 && c <= 0xDFFF && r->hi) {
        c = 0x10000 + ((r->hi - 0xD800) << 10) + (c - 0xDC00);
        r->hi = 0;
    } else if ((rc = drop_hi(r))) {
        return rc;
    }
    if (c >= 0xD800 && c <= 0xDBFF) {
        r->hi = c;
        return 0;
    }
    if (c >= 0xDC00 && c <= 0xDFFF)
        c = 0xFFFD;
    if (!in || c == 0 || (c < 0x20 && c != '\t'))
        return 0;
    return put_cp(r, in, cap, c == '\t' ? ' ' : c);
}

static int level_of(long outlvl)
{
    return outlvl >= 0 && outlvl < 9 ? (int)outlvl + 1 : 0;
}

static const rstyle *find_style(const rtf *r, int num)
{
    return r->style && num >= 0 && num < MAX_STYLES && r->style[num].defined
               ? &r->style[num]
               : NULL;
}

/* Outline level of paragraphs in style num: its \outlinelevel, else its
 * heading name, else what it is based on. */
static int style_outline(const rtf *r, int num)
{
    const rstyle *s = find_style(r, num);
    for (int hop = 0; s && hop < HOPS; hop++) {
        if (s->outline >= 0)
            return level_of(s->outline);
        if (s->named)
            return s->named;
        s = s->base >= 0 ? find_style(r, s->base) : NULL;
    }
    return 0;
}

/* Ends the current line of the body: a paragraph (keep_empty: line N is
 * paragraph N) or what was left before a section break. */
static int end_line(rtf *r, int keep_empty)
{
    int rc;
    if (r->g.dest != D_TEXT)
        return 0;
    r->g.fresh = 0;
    if ((rc = drop_hi(r)) || (rc = flush(r)))
        return rc;
    int level = r->g.outline >= 0 ? level_of(r->g.outline)
                                  : style_outline(r, r->g.style);
    if (arc_input_end_line(r->out, &r->cap, &r->ocap, (unsigned char)level,
                           keep_empty))
        return nomem(r);
    return 0;
}

static int line_has_text(const rtf *r)
{
    return r->out->len && r->out->text[r->out->len - 1] != '\n';
}

/* ---------------------------------------------------------------- styles */

/* "heading 1", "Heading1", "标题 1": the names of the built-in heading
 * styles. */
static int heading_name(const char *s)
{
    static const char en[] = "heading", cn[] = "标题";
    const char *p;
    size_t i = 0;
    while (en[i] && (s[i] == en[i] || s[i] == en[i] - 'a' + 'A'))
        i++;
    if (!en[i])
        p = s + i;
    else if (strncmp(s, cn, sizeof cn - 1) == 0)
        p = s + sizeof cn - 1;
    else
        return 0;
    while (*p == ' ')
        p++;
    return p[0] >= '1' && p[0] <= '9' && (!p[1] || p[1] == ';')
               ? p[0] - '0' : 0;
}

static void begin_style(rtf *r)
{
    r->in_entry = 1;
    r->cur = (rstyle){1, -1, -1, 0};
    r->cur_num = 0;
    r->cur_para = 1;
    r->name.len = 0;
}

/* A paragraph style goes into the table under its number; a later
 * definition of the same number wins. */
static int end_style(rtf *r)
{
    int rc = flush(r);
    if (rc || !r->in_entry)
        return rc;
    r->in_entry = 0;
    if (!r->cur_para || r->cur_num < 0 || r->cur_num >= MAX_STYLES)
        return 0;
    if (arc_input_append(&r->name, &r->ncap, "", 0))
        return nomem(r);
    if (!r->style && !(r->style = calloc(MAX_STYLES, sizeof *r->style)))
        return nomem(r);
    const char *s = r->name.text;
    while (*s == ' ')
        s++;
    r->cur.named = heading_name(s);
    r->style[r->cur_num] = r->cur;
    return 0;
}

/* ---------------------------------------------------------------- groups */

static int open_group(rtf *r)
{
    int rc;
    if ((rc = flush(r)))
        return rc;
    r->fallback = 0; /* a group ends the fallback of \uN */
    if (r->depth >= MAX_DEPTH)
        return arc_reason(r->reason, r->rsize, ARC_EPARSE,
                          BAD "分组嵌套超过 %d 层，拒绝读取", MAX_DEPTH);
    if (arc_grow((void **)&r->stack, &r->scap, r->depth + 1,
                 sizeof *r->stack))
        return nomem(r);
    r->stack[r->depth++] = r->g;
    r->g.fresh = 1;
    r->g.star = 0;
    r->g.label = 0;
    if (r->g.dest == D_STYLES && r->depth == r->styles_depth + 1)
        begin_style(r);
    return 0;
}

/* Sets *done when the document's outermost group closed. */
static int close_group(rtf *r, int *done)
{
    int rc;
    if ((rc = flush(r)))
        return rc;
    r->fallback = 0;
    if (r->styles_depth && r->depth == r->styles_depth + 1 &&
        (rc = end_style(r)))
        return rc;
    if (r->depth == r->styles_depth)
        r->styles_depth = 0;
    if (r->depth <= 1) {
        *done = 1;
        return 0;
    }
    r->g = r->stack[--r->depth];
    return 0;
}

/* Starts a destination of kind `dest` in the current group. */
static int destination(rtf *r, unsigned char dest)
{
    int rc = flush(r);
    if (rc)
        return rc;
    /* A style sheet entry that turns out to be a skipped destination
     * ({\*\cs …}) defines no paragraph style. */
    if (dest == D_SKIP && r->in_entry && r->depth == r->styles_depth + 1)
        r->in_entry = 0;
    r->g.dest = dest;
    if (dest == D_STYLES) {
        r->styles_depth = r->depth;
        r->in_entry = 0;
    }
    return 0;
}

/* ------------------------------------------------------- control words */

static int font_entry(rtf *r, long num)
{
    r->cur_font = num >= 0 && num < MAX_FONTS ? (int)num : -1;
    if (r->cur_font < 0 || r->font_cp)
        return 0;
    return (r->font_cp = calloc(MAX_FONTS, sizeof *r->font_cp)) ? 0
                                                                : nomem(r);
}

static int in_styles(const rtf *r)
{
    return r->g.dest == D_STYLES && r->in_entry;
}

static int control_word(rtf *r, const char *word, int has_param, long param)
{
    const keyword *k = bsearch(word, keywords, ARC_ARRAY_LEN(keywords),
                               sizeof *keywords, cmp_keyword);
    int fresh = r->g.fresh;
    r->g.fresh = 0;
    /* An unknown starred destination is one this reader cannot show. */
    if (fresh && r->g.star && (!k || k->kind != K_UD))
        return destination(r, D_SKIP);
    if (r->fallback && (!k || k->kind != K_BIN)) {
        r->fallback--;
        return 0;
    }
    if (!k)
        return 0;
    long v = has_param ? param : 0;
    int rc = 0;
    switch (k->kind) {
    case K_SKIP:
        return destination(r, D_SKIP);
    case K_FONTTBL:
        return destination(r, r->g.dest == D_TEXT ? D_FONTS : D_SKIP);
    case K_STYLESHEET:
        return destination(r, r->g.dest == D_TEXT ? D_STYLES : D_SKIP);
    case K_UPR:
        r->g.upr_dest = r->g.dest;
        return destination(r, D_SKIP);
    case K_UD:
        return destination(r, r->g.upr_dest);
    case K_LABEL:
        r->g.label = 1;
        return 0;
    case K_CODEPAGE:
        r->doc_cp = (int)k->arg;
        return 0;
    case K_ANSICPG:
        if (v > 0 && v < 65536)
            r->doc_cp = (int)v;
        return 0;
    case K_DEFF:
        r->deff = (int)v;
        return 0;
    case K_FONT:
        if (r->g.dest == D_FONTS)
            return font_entry(r, v);
        if ((rc = flush(r)))
            return rc;
        r->g.font = (int)v;
        return 0;
    case K_FCHARSET:
        if (r->g.dest == D_FONTS && r->cur_font >= 0 &&
            !r->font_cp[r->cur_font])
            r->font_cp[r->cur_font] = charset_cp(v);
        return 0;
    case K_CPG:
        if (r->g.dest == D_FONTS && r->cur_font >= 0 && v > 0 && v < 65536)
            r->font_cp[r->cur_font] = (int)v;
        return 0;
    case K_STYLE:
        if (in_styles(r))
            r->cur_num = v >= 0 && v < MAX_STYLES ? (int)v : -1;
        else
            r->g.style = (int)v;
        return 0;
    case K_CHARSTYLE:
        if (in_styles(r))
            r->cur_para = 0;
        return 0;
    case K_BASEDON:
        if (in_styles(r))
            r->cur.base = (int)v;
        return 0;
    case K_OUTLINE:
        if (in_styles(r))
            r->cur.outline = (int)v;
        else
            r->g.outline = (int)v;
        return 0;
    case K_PARD:
        r->g.style = 0;
        r->g.outline = -1;
        return 0;
    case K_PLAIN:
        if ((rc = flush(r)))
            return rc;
        r->g.font = -1;
        r->g.hidden = r->g.deleted = 0;
        return 0;
    case K_HIDDEN:
        if ((rc = flush(r)))
            return rc;
        r->g.hidden = !has_param || param != 0;
        return 0;
    case K_DELETED:
        if ((rc = flush(r)))
            return rc;
        r->g.deleted = !has_param || param != 0;
        return 0;
    case K_UC:
        r->g.uc = (unsigned char)(v < 0 ? 0 : v > MAX_UC ? MAX_UC : v);
        return 0;
    case K_U:
        if (!has_param)
            return 0;
        if (v < 0)
            v += 65536; /* written as a signed 16-bit number */
        rc = text_char(r, v >= 0 && v <= 0xFFFF ? (uint32_t)v : 0xFFFD);
        r->fallback = r->g.uc;
        return rc;
    case K_CHAR:
        return text_char(r, k->arg);
    case K_TAB:
        /* After a list label Word puts a tab, which reads as nothing
         * after 、 ） . and as a space after a bare number (as the .docx
         * reader renders labels). */
        if (r->g.label) {
            if ((rc = flush(r)))
                return rc;
            char last = r->out->len ? r->out->text[r->out->len - 1] : '\n';
            if (!((last >= '0' && last <= '9') ||
                  (last >= 'A' && last <= 'Z') ||
                  (last >= 'a' && last <= 'z')))
                return 0;
        }
        return text_char(r, ' ');
    case K_LINE:
        return text_char(r, ' ');
    case K_PAR:
        return end_line(r, 1);
    case K_CELL:
        return end_line(r, 1);
    case K_ROW:
    case K_SECT:
        return line_has_text(r) ? end_line(r, 0) : 0;
    case K_BIN:
        /* \binN: N bytes of binary data follow, braces included. */
        if (v > 0)
            r->p += (size_t)v < (size_t)(r->end - r->p) ? (size_t)v
                                                         : (size_t)(r->end - r->p);
        return 0;
    default:
        return 0;
    }
}

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A control symbol: a backslash and one character that is not a
 * letter. */
static int control_symbol(rtf *r, unsigned char c)
{
    if (c == '*') {
        r->g.star = 1;
        return 0;
    }
    if (c == '\'') {
        int h = r->end - r->p >= 2 ? hex(r->p[0]) : -1,
            l = h >= 0 ? hex(r->p[1]) : -1;
        if (l < 0)
            return 0;
        r->p += 2;
        return text_byte(r, (unsigned char)(h << 4 | l));
    }
    if (c == '\\' || c == '{' || c == '}')
        return text_byte(r, c);
    r->g.fresh = 0;
    if (r->fallback) {
        r->fallback--;
        return 0;
    }
    switch (c) {
    case '~':
        return text_char(r, 0x00A0);
    case '_':
        return text_char(r, '-');
    case '\n':
    case '\r':
        return end_line(r, 1); /* a backslash before a newline is \par */
    default:
        return 0; /* \- optional hyphen, \| \: index marks */
    }
}

static int parse(rtf *r)
{
    int rc = 0, done = 0;
    size_t k;
    uint32_t cp;
    while (!rc && !done && r->p < r->end) {
        unsigned char c = *r->p++;
        if (c == '{') {
            rc = open_group(r);
        } else if (c == '}') {
            rc = close_group(r, &done);
        } else if (c == '\\') {
            if (r->p == r->end)
                break;
            unsigned char d = *r->p;
            if (!((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z'))) {
                r->p++;
                rc = control_symbol(r, d);
                continue;
            }
            char word[MAX_WORD + 1];
            size_t n = 0;
            while (r->p < r->end && ((*r->p >= 'a' && *r->p <= 'z') ||
                                     (*r->p >= 'A' && *r->p <= 'Z'))) {
                if (n < MAX_WORD)
                    word[n] = (char)*r->p;
                n++;
                r->p++;
            }
            word[n < MAX_WORD ? n : MAX_WORD] = '\0';
            if (n > MAX_WORD)
                word[0] = '\0'; /* too long to be a control word we know */
            int neg = 0, has = 0;
            long v = 0;
            if (r->p < r->end && *r->p == '-') {
                neg = 1;
                r->p++;
            }
            while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
                if (v < 100000000L)
                    v = v * 10 + (*r->p - '0');
                has = 1;
                r->p++;
            }
            if (r->p < r->end && *r->p == ' ')
                r->p++; /* the delimiter belongs to the control word */
            rc = control_word(r, word, has, neg ? -v : v);
        } else if (c == '\r' || c == '\n') {
            continue;
        } else if (c >= 0x80 && !double_byte(current_cp(r)) &&
                   (k = arc_utf8_decode((const char *)r->p - 1,
                                        (size_t)(r->end - r->p) + 1, &cp)) >
                       1) {
            r->p += k - 1;
            if (r->fallback)
                r->fallback--;
            else
                rc = text_char(r, cp);
        } else {
            rc = text_byte(r, c);
        }
    }
    if (!rc)
        rc = flush(r);
    if (!rc)
        rc = drop_hi(r);
    if (!rc && line_has_text(r)) {
        r->g.dest = D_TEXT;
        rc = end_line(r, 0);
    }
    return rc;
}

int arc_input_rtf(arc_input *out, const char *data, size_t len,
                  const arc_input_limits *lim, char *reason,
                  size_t reason_size)
{
    arc_input_limits dflt = arc_input_limits_of(NULL);
    memset(out, 0, sizeof *out);
    if (reason && reason_size)
        reason[0] = '\0';
    if (!lim)
        lim = &dflt;
    out->budget = lim->budget;
    if (len < 5 || memcmp(data, "{\\rtf", 5) != 0)
        return arc_reason(reason, reason_size, ARC_EPARSE,
                          BAD "不以 {\\rtf 开头");
    rtf r = {.p = (const unsigned char *)data,
             .end = (const unsigned char *)data + len,
             .doc_cp = 1252,
             .deff = -1,
             .cur_font = -1,
             .out = out,
             .max = lim->max_uncompressed,
             .reason = reason,
             .rsize = reason_size};
    r.g.font = -1;
    r.g.outline = -1;
    r.g.uc = 1;
    int rc = parse(&r);
    if (!rc && !out->text && arc_input_append(out, &r.cap, "", 0))
        rc = nomem(&r);
    free(r.stack);
    free(r.font_cp);
    free(r.style);
    free(r.pend);
    arc_decoder_free(r.dec);
    arc_input_free(&r.name);
    if (rc)
        arc_input_free(out);
    return rc;
}

static int sniff_rtf(const char *data, size_t len)
{
    return len >= 5 && memcmp(data, "{\\rtf", 5) == 0 ? 2 : 0;
}

static int read_rtf_row(arc_input *out, const char *data, size_t len,
                        const arc_load_opts *o, arc_budget *dl,
                         char *reason,
                        size_t reason_size)
{
    arc_input_limits lim = arc_input_limits_of(o);
    lim.budget = dl;
    return arc_input_rtf(out, data, len, &lim, reason, reason_size);
}

static const char *const rtf_ext[] = {".rtf", NULL};

const arc_reader arc_reader_rtf = {"rtf", "RTF 文档", rtf_ext, sniff_rtf,
                                   read_rtf_row, NULL};

/* doc_parse.c - the document's structure: normalised text, lines, pages and
 * the section tree from numbering labels (一、 (一) 1. (1) 一是) and outline
 * levels.  Needs no rule set. */
#include "doc.h"

#include "convert.h"
#include "input.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Inputs above this are refused: offsets are kept in 32 bits. */
#define ARC_MAX_INPUT ((size_t)1 << 30)

#define UTF8_DUN "\xE3\x80\x81"    /* 、 */
#define UTF8_SHI "\xE6\x98\xAF"    /* 是 */
#define UTF8_JU "\xE3\x80\x82"     /* 。 */
#define UTF8_NIAN "\xE5\xB9\xB4"   /* 年 */

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static int starts(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s, lit, k) == 0;
}

static size_t arabic(const char *s, size_t n, int *value)
{
    size_t i = 0;
    int v = 0;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || i > 2)
        return 0;
    *value = v;
    return i;
}

/* A four-digit year and 年 at s[0..n): "1.2023年…" is item 1 about a year
 * (Word's automatic "1." before a heading starting with the year), not the
 * number 1.2023. */
static int year_at(const char *s, size_t n)
{
    for (size_t i = 0; i < 4; i++)
        if (i >= n || s[i] < '0' || s[i] > '9')
            return 0;
    return starts(s + 4, n - 4, UTF8_NIAN);
}

/*
 * Recognises a numbering label at s[0..n): 一、 (一) 1. 1、 (1) 一是.  The text
 * is normalised, so full-width brackets and dots are already ASCII.
 */
static size_t label(const char *s, size_t n, arc_numbering *style, int *num)
{
    size_t k;
    if (n > 0 && s[0] == '(') {
        if ((k = arc_cn_small_number(s + 1, n - 1, num)) && k + 1 < n &&
            s[k + 1] == ')') {
            *style = ARC_NUM_CN_PAREN;
            return k + 2;
        }
        if ((k = arabic(s + 1, n - 1, num)) && k + 1 < n && s[k + 1] == ')') {
            *style = ARC_NUM_ARABIC_PAREN;
            return k + 2;
        }
        return 0;
    }
    if ((k = arc_cn_small_number(s, n, num)) && *num > 0) {
        if (starts(s + k, n - k, UTF8_DUN)) {
            *style = ARC_NUM_CN_DUN;
            return k + 3;
        }
        if (starts(s + k, n - k, UTF8_SHI)) {
            *style = ARC_NUM_CN_SHI;
            return k + 3;
        }
        return 0;
    }
    if ((k = arabic(s, n, num))) {
        if (k < n && s[k] == '.' &&
            !(k + 1 < n && s[k + 1] >= '0' && s[k + 1] <= '9' &&
              !year_at(s + k + 1, n - k - 1))) {
            *style = ARC_NUM_ARABIC;
            return k + 1;
        }
        if (starts(s + k, n - k, UTF8_DUN)) {
            *style = ARC_NUM_ARABIC;
            return k + 3;
        }
    }
    return 0;
}

int arc_line_matches(const arc_regex *re, arc_matcher *m, const char *t,
                     const arc_line *ln)
{
    size_t ms, me;
    return re && arc_regex_search(re, m, t, ln->end, ln->start, 0, &ms, &me) > 0;
}

size_t arc_trim_start(const char *t, size_t s, size_t e)
{
    while (s < e && is_space(t[s]))
        s++;
    return s;
}

size_t arc_trim_end(const char *t, size_t s, size_t e)
{
    while (e > s && is_space(t[e - 1]))
        e--;
    return e;
}

static int split_lines(arc_doc *doc)
{
    const char *t = doc->text.norm;
    size_t n = doc->text.norm_len, cap = 0, s = 0;
    for (;;) {
        const char *nl = memchr(t + s, '\n', n - s);
        size_t e = nl ? (size_t)(nl - t) : n;
        if (arc_grow((void **)&doc->lines, &cap, doc->nlines + 1,
                     sizeof *doc->lines))
            return ARC_ENOMEM;
        doc->lines[doc->nlines++] = (arc_line){s, e, -1};
        if (!nl)
            return 0;
        s = e + 1;
    }
}

static int heading_at(const arc_doc *doc, size_t li, arc_section *sec,
                      const arc_parse_opts *o)
{
    const char *t = doc->text.norm;
    const arc_line *ln = &doc->lines[li];
    size_t s = arc_trim_start(t, ln->start, ln->end);
    size_t e = arc_trim_end(t, s, ln->end);
    arc_numbering style;
    int num = 0;
    size_t k = label(t + s, e - s, &style, &num);
    int outline = li < doc->noutline ? doc->outline[li] : 0;
    if (!k && (!outline || s == e))
        return 0;
    if (!k)
        style = ARC_NUM_NONE; /* a heading by the format's outline level */
    memset(sec, 0, sizeof *sec);
    sec->outline = outline;
    sec->style = style;
    sec->number = num;
    sec->line_start = ln->start;
    sec->label_start = s;
    sec->label_end = s + k;
    sec->title_start = arc_trim_start(t, s + k, e);
    const char *ju = NULL;
    for (size_t i = sec->title_start; i + 3 <= e; i++)
        if (starts(t + i, e - i, UTF8_JU)) {
            ju = t + i;
            break;
        }
    size_t tend = ju ? (size_t)(ju - t) : e;
    sec->title_end = tend;
    sec->body_start = ln->end;
    if (ju && arc_trim_start(t, tend + 3, e) < e) {
        sec->body_start = arc_trim_start(t, tend + 3, e);
        sec->inline_body = 1;
    } else if (ju) {
        /* "1.…。" / "一是…。" is a finished sentence: it says something
         * itself even when no body follows. */
        sec->body_start = sec->title_start;
        sec->inline_body = 1;
    } else if (arc_utf8_count(t + sec->title_start, tend - sec->title_start) >
               o->max_heading_chars) {
        /* A numbered paragraph: its text is the part's content. */
        sec->body_start = sec->title_start;
        sec->inline_body = 1;
    }
    return 1;
}

static int build_tree(arc_doc *doc, const arc_parse_opts *o)
{
    size_t cap = 0;
    int stack[16];
    int depth = 0;
    for (size_t li = 0; li < doc->nlines; li++) {
        arc_section sec;
        if (!heading_at(doc, li, &sec, o))
            continue;
        /* A style already open on the stack closes everything below it;
         * a new style nests under the innermost open heading. */
        int d = depth - 1;
        while (d >= 0 && (doc->sections[stack[d]].style != sec.style ||
                          (sec.style == ARC_NUM_NONE &&
                           doc->sections[stack[d]].outline != sec.outline)))
            d--;
        if (d >= 0)
            depth = d;
        if (depth == (int)ARC_ARRAY_LEN(stack))
            depth--;
        sec.parent = depth ? stack[depth - 1] : -1;
        sec.level = depth + 1;
        if (arc_grow((void **)&doc->sections, &cap, doc->nsections + 1,
                     sizeof *doc->sections))
            return ARC_ENOMEM;
        doc->lines[li].heading = (int)doc->nsections;
        stack[depth++] = (int)doc->nsections;
        doc->sections[doc->nsections++] = sec;
    }
    /* Ends: own body stops at the next heading of any level, the whole part
     * at the next heading of the same or a higher level. */
    size_t n = doc->nsections;
    for (size_t i = 0; i < n; i++) {
        arc_section *s = &doc->sections[i];
        s->body_end = i + 1 < n ? doc->sections[i + 1].line_start
                                : doc->text.norm_len;
        if (s->body_end < s->body_start)
            s->body_end = s->body_start;
        s->end = doc->text.norm_len;
        for (size_t j = i + 1; j < n; j++)
            if (doc->sections[j].level <= s->level) {
                s->end = doc->sections[j].line_start;
                break;
            }
    }
    return 0;
}

int arc_doc_encoding_error(const char *path, const char *data, size_t len,
                           size_t bad, const char *also, arc_error *err)
{
    int line = 1, col = 1;
    size_t from = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t i = from; i < bad; i++) {
        if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
            line++, col = 1;
        else if (data[i] != '\r' && ((unsigned char)data[i] & 0xC0) != 0x80)
            col++;
    }
    return arc_err(err, ARC_EENCODING, path, line, col,
                   "不是有效的 UTF-8 文本（第 %zu 字节 0x%02X）%s", bad,
                   (unsigned char)data[bad], also ? also : "");
}

/* Does the start of the text use traditional-only characters?  The
 * markers are a bitmap over the BMP: one lookup per character. */
static int looks_traditional(const arc_text *t, const unsigned char *bits,
                             size_t min)
{
    const unsigned char *u = (const unsigned char *)t->norm;
    size_t n = t->norm_len < 1024 ? t->norm_len : 1024, hits = 0;
    for (size_t i = 0; i + 2 < n;) {
        unsigned char c = u[i];
        if (c < 0xE0) {
            i += c < 0x80 ? 1 : 2;
            continue;
        }
        if (c >= 0xF0) {
            i += 4;
            continue;
        }
        uint32_t cp = ((uint32_t)(c & 0x0F) << 12) |
                      ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
        if ((bits[cp >> 3] >> (cp & 7)) & 1 && ++hits >= min)
            return 1;
        i += 3;
    }
    return 0;
}

int arc_doc_fold_traditional(arc_doc *doc, const struct arc_t2s *t2s,
                             const unsigned char *bits, size_t min)
{
    if (!t2s || !bits || !looks_traditional(&doc->text, bits, min))
        return 0;
    /* Folding keeps every character's byte length, so the section spans
     * stay valid; matching sees simplified characters, evidence quotes the
     * original. */
    if (arc_t2s_fold(t2s, doc->text.norm, doc->text.norm_len))
        return ARC_ENOMEM;
    doc->traditional = 1;
    return 0;
}

void arc_doc_drop_first_section(arc_doc *doc)
{
    if (!doc->nsections)
        return;
    const arc_section *first = &doc->sections[0];
    size_t end = first->end;
    doc->lines[arc_doc_line_at(doc, first->line_start)].heading = -1;
    memmove(doc->sections, doc->sections + 1,
            (doc->nsections - 1) * sizeof *doc->sections);
    doc->nsections--;
    for (size_t i = 0; i < doc->nsections; i++) {
        arc_section *s = &doc->sections[i];
        /* Its subtree moves up a level; indices shift by one. */
        if (s->line_start < end)
            s->level--;
        s->parent = s->parent <= 0 ? -1 : s->parent - 1;
        doc->lines[arc_doc_line_at(doc, s->line_start)].heading = (int)i;
    }
    /* A part's end was the next heading at its level or above; with the
     * levels changed, recompute the ends of the moved sections. */
    for (size_t i = 0; i < doc->nsections; i++) {
        arc_section *s = &doc->sections[i];
        if (s->line_start >= end)
            break;
        s->end = doc->text.norm_len;
        for (size_t j = i + 1; j < doc->nsections; j++)
            if (doc->sections[j].level <= s->level) {
                s->end = doc->sections[j].line_start;
                break;
            }
    }
}

const arc_parse_opts arc_parse_opts_default = {60};

int arc_doc_parse_input(arc_doc **out, const char *path, const arc_input *in,
                        const arc_parse_opts *opts, arc_error *err)
{
    *out = NULL;
    const arc_parse_opts *o = opts ? opts : &arc_parse_opts_default;
    if (!path)
        path = "";
    if (in->len > ARC_MAX_INPUT)
        return arc_err(err, ARC_EINVAL, path, 0, 0,
                       "文件过大（超过 %zu MiB），未检查",
                       ARC_MAX_INPUT >> 20);
    arc_doc *doc = calloc(1, sizeof *doc);
    int rc = ARC_ENOMEM;
    size_t bad = 0;
    if (!doc || !(doc->path = arc_strdup(path)))
        goto fail;
    if ((rc = arc_text_init(&doc->text, in->text, in->len, &bad)) ==
        ARC_EENCODING) {
        arc_doc_free(doc);
        return arc_doc_encoding_error(path, in->text, in->len, bad, NULL, err);
    }
    if (rc || split_lines(doc)) {
        rc = ARC_ENOMEM;
        goto fail;
    }
    if (in->page) {
        if (!(doc->page = malloc(doc->nlines * sizeof *doc->page)))
            goto fail;
        for (size_t li = 0; li < doc->nlines; li++)
            doc->page[li] = li < in->nlines ? in->page[li]
                            : in->nlines    ? in->page[in->nlines - 1]
                                            : 1;
    }
    doc->outline = in->outline;
    doc->noutline = in->nlines;
    if (build_tree(doc, o))
        goto fail;
    doc->outline = NULL; /* borrowed from the input only while parsing */
    doc->noutline = 0;
    *out = doc;
    return 0;
fail:
    arc_doc_free(doc);
    return rc == ARC_ENOMEM || !rc ? arc_err_nomem(err) : rc;
}

int arc_doc_parse(arc_doc **out, const char *path, const char *data,
                  size_t len, arc_error *err)
{
    arc_input in;
    memset(&in, 0, sizeof in);
    in.text = (char *)data;
    in.len = len;
    in.borrowed = 1;
    return arc_doc_parse_input(out, path, &in, NULL, err);
}

void arc_doc_free(arc_doc *doc)
{
    if (!doc)
        return;
    free(doc->path);
    free(doc->page);
    arc_text_free(&doc->text);
    free(doc->lines);
    free(doc->sections);
    free(doc);
}

const char *arc_doc_path(const arc_doc *doc)
{
    return doc->path;
}

const char *arc_doc_text(const arc_doc *doc, size_t *len)
{
    if (len)
        *len = doc->text.norm_len;
    return doc->text.norm;
}

void arc_doc_position(const arc_doc *doc, size_t off, int *line, int *col,
                      size_t *orig)
{
    arc_text_position(&doc->text, off, line, col, orig);
}

size_t arc_doc_section_count(const arc_doc *doc)
{
    return doc->nsections;
}

const arc_section *arc_doc_section(const arc_doc *doc, size_t i)
{
    return i < doc->nsections ? &doc->sections[i] : NULL;
}

size_t arc_doc_line_at(const arc_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->lines[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

uint32_t arc_doc_page(const arc_doc *doc, size_t li)
{
    return doc->page && li < doc->nlines ? doc->page[li] : 0;
}

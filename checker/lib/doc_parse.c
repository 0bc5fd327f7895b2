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

static int line_matches(const arc_regex *re, arc_matcher *m, const char *t,
                        const arc_line *ln)
{
    size_t ms, me;
    return re && arc_regex_search(re, m, t, ln->end, ln->start, 0, &ms, &me) > 0;
}

static size_t trim_start(const char *t, size_t s, size_t e)
{
    while (s < e && is_space(t[s]))
        s++;
    return s;
}

static size_t trim_end(const char *t, size_t s, size_t e)
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
                      const arc_doc_opts *o)
{
    const char *t = doc->text.norm;
    const arc_line *ln = &doc->lines[li];
    size_t s = trim_start(t, ln->start, ln->end);
    size_t e = trim_end(t, s, ln->end);
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
    sec->title_start = trim_start(t, s + k, e);
    const char *ju = NULL;
    for (size_t i = sec->title_start; i + 3 <= e; i++)
        if (starts(t + i, e - i, UTF8_JU)) {
            ju = t + i;
            break;
        }
    size_t tend = ju ? (size_t)(ju - t) : e;
    sec->title_end = tend;
    sec->body_start = ln->end;
    if (ju && trim_start(t, tend + 3, e) < e) {
        sec->body_start = trim_start(t, tend + 3, e);
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

/* Finds the title block among the lines before the first heading. */
static int find_title(arc_doc *doc, const arc_doc_opts *o, arc_matcher *m,
                      size_t first_heading_line)
{
    const char *t = doc->text.norm;
    size_t li = 0, cand = (size_t)-1;
    for (; li < first_heading_line; li++) {
        const arc_line *ln = &doc->lines[li];
        size_t s = trim_start(t, ln->start, ln->end);
        if (s == trim_end(t, s, ln->end) || line_matches(o->chrome, m, t, ln))
            continue;
        cand = li;
        break;
    }
    if (cand == (size_t)-1)
        return 0;
    const arc_line *ln = &doc->lines[cand];
    size_t s = trim_start(t, ln->start, ln->end);
    size_t e = trim_end(t, s, ln->end);
    size_t ms, me;
    if (o->title_strip &&
        arc_regex_search(o->title_strip, m, t, e, s, 0, &ms, &me) > 0 && ms > s)
        e = trim_end(t, s, ms);
    size_t chars = arc_utf8_count(t + s, e - s);
    if (chars == 0 || chars > o->max_title_chars || t[e - 1] == ':' ||
        (e - s >= 3 && memcmp(t + e - 3, UTF8_JU, 3) == 0))
        return 0;

    arc_buf b = {0};
    if (arc_buf_append(&b, t + s, e - s))
        return ARC_ENOMEM;
    doc->title_start = ln->start;
    doc->title_end = ln->end;
    size_t last = cand;

    /* A title split over two lines: join when the first half does not end
     * like a title and the next line is short and does. */
    int ends = o->title_end &&
               arc_regex_search(o->title_end, m, b.data, b.len, 0, 0, &ms,
                                &me) > 0;
    size_t nx = cand + 1;
    while (nx < first_heading_line &&
           trim_start(t, doc->lines[nx].start, doc->lines[nx].end) ==
               doc->lines[nx].end)
        nx++;
    if (!ends && o->title_end && nx < first_heading_line) {
        const arc_line *l2 = &doc->lines[nx];
        size_t s2 = trim_start(t, l2->start, l2->end);
        size_t e2 = trim_end(t, s2, l2->end);
        if (arc_utf8_count(t + s2, e2 - s2) + chars <= o->max_title_chars &&
            arc_regex_search(o->title_end, m, t, e2, s2, 0, &ms, &me) > 0) {
            if (arc_buf_append(&b, t + s2, e2 - s2)) {
                arc_buf_free(&b);
                return ARC_ENOMEM;
            }
            doc->title_end = l2->end;
            last = nx;
        }
    }
    /* Web copies print the title twice: skip an identical next line. */
    nx = last + 1;
    while (nx < first_heading_line &&
           trim_start(t, doc->lines[nx].start, doc->lines[nx].end) ==
               doc->lines[nx].end)
        nx++;
    if (nx < first_heading_line) {
        const arc_line *l2 = &doc->lines[nx];
        size_t s2 = trim_start(t, l2->start, l2->end);
        size_t e2 = trim_end(t, s2, l2->end);
        if (e2 - s2 == b.len && memcmp(t + s2, b.data, b.len) == 0)
            last = nx;
    }
    doc->title = b.data;
    doc->body_start = last + 1 < doc->nlines ? doc->lines[last + 1].start
                                             : doc->text.norm_len;
    return 0;
}

static int build_tree(arc_doc *doc, const arc_doc_opts *o, size_t *first)
{
    size_t cap = 0;
    int stack[16];
    int depth = 0;
    *first = doc->nlines;
    for (size_t li = 0; li < doc->nlines; li++) {
        arc_section sec;
        if (!heading_at(doc, li, &sec, o))
            continue;
        if (*first == doc->nlines)
            *first = li;
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

#define UTF8_NIAN "\xE5\xB9\xB4" /* 年 */

/* A plausible four-digit year followed by 年 at t[i]. */
static int year_word(const char *t, size_t len, size_t i, arc_year_at *out)
{
    if (i + 7 > len)
        return 0;
    int y = 0;
    for (size_t k = 0; k < 4; k++) {
        if (t[i + k] < '0' || t[i + k] > '9')
            return 0;
        y = y * 10 + (t[i + k] - '0');
    }
    if ((i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9') || y < 1990 ||
        y > 2199 || memcmp(t + i + 4, UTF8_NIAN, 3) != 0)
        return 0;
    *out = (arc_year_at){y, i, i + 4};
    return 1;
}

static void find_years(arc_doc *doc, const arc_doc_opts *o, arc_matcher *m,
                       size_t first_heading_line)
{
    const char *t = doc->text.norm;
    size_t len = doc->text.norm_len;
    if (doc->title && doc->title[0])
        for (size_t i = doc->title_start; i < doc->title_end; i++)
            if (year_word(t, len, i, &doc->title_year))
                break;
    /* The opening sentence: the first line before the first heading (after
     * the title, chrome skipped) that starts with a year. */
    for (size_t li = arc_doc_line_at(doc, doc->body_start);
         li < first_heading_line && li < doc->nlines; li++) {
        const arc_line *ln = &doc->lines[li];
        if (ln->start < doc->body_start || line_matches(o->chrome, m, t, ln))
            continue;
        size_t s = trim_start(t, ln->start, ln->end);
        if (year_word(t, len, s, &doc->opening_year))
            break;
    }
    doc->year = doc->title_year.year ? doc->title_year.year
                                     : doc->opening_year.year;
}

static int pub_date(const char *t, size_t len, size_t i, arc_pub_source src,
                    arc_pub_date *out)
{
    arc_date d;
    if (!arc_date_at(t, len, i, 0, &d) || d.kind != ARC_DATE_DAY ||
        !arc_date_valid(&d))
        return 0;
    *out = (arc_pub_date){src, d.year, d.month, d.day, d.start, d.end};
    return 1;
}

/* Publication date: an explicit label, else a date beside the title, else
 * the signature date (a line holding only a date near the end). */
static void find_published(arc_doc *doc, const arc_doc_opts *o,
                           arc_matcher *m)
{
    const char *t = doc->text.norm;
    size_t len = doc->text.norm_len, ms, me;
    size_t seen = 0;
    for (size_t li = doc->nlines; li-- > 0 && seen < 8;) {
        const arc_line *ln = &doc->lines[li];
        size_t s = trim_start(t, ln->start, ln->end);
        size_t e = trim_end(t, s, ln->end);
        if (s == e)
            continue;
        seen++;
        arc_pub_date p;
        if (pub_date(t, len, s, ARC_PUB_SIGNATURE, &p) &&
            trim_start(t, p.end, e) == e) {
            doc->signature = p;
            break;
        }
    }
    if (o->published_label) {
        size_t from = 0;
        while (arc_regex_search(o->published_label, m, t, len, from, 0, &ms,
                                &me) > 0) {
            if (pub_date(t, len, trim_start(t, me, len), ARC_PUB_LABEL,
                         &doc->published))
                return;
            from = me > ms ? me : ms + 1;
        }
    }
    if (doc->title && doc->title[0]) {
        arc_date d;
        arc_date_scanner sc;
        arc_date_scan_init(&sc, doc->title_start);
        while (arc_date_scan(&sc, t, doc->title_end, 0, &d))
            if (d.kind == ARC_DATE_DAY && arc_date_valid(&d)) {
                doc->published = (arc_pub_date){ARC_PUB_TITLE, d.year, d.month,
                                                d.day, d.start, d.end};
                return;
            }
    }
    if (doc->signature.source != ARC_PUB_NONE)
        doc->published = doc->signature;
}

/* The issuing body: the `unit` group of opts->unit on the title, else the
 * line just above the signature date. */
static int find_unit(arc_doc *doc, const arc_doc_opts *o, arc_matcher *m)
{
    size_t ms, me, us, ue;
    const char *s = NULL;
    size_t n = 0;
    int g = o->unit ? arc_regex_group(o->unit, "unit") : -1;
    if (g >= 0 && doc->title[0] &&
        arc_regex_search(o->unit, m, doc->title, strlen(doc->title), 0, 0, &ms,
                         &me) > 0 &&
        arc_matcher_group(m, g, &us, &ue)) {
        s = doc->title + us;
        n = ue - us;
    } else if (doc->signature.source != ARC_PUB_NONE) {
        const char *t = doc->text.norm;
        for (size_t li = arc_doc_line_at(doc, doc->signature.at); li-- > 0;) {
            size_t a = trim_start(t, doc->lines[li].start, doc->lines[li].end);
            size_t b = trim_end(t, a, doc->lines[li].end);
            if (a == b)
                continue;
            if (arc_utf8_count(t + a, b - a) <= 30) {
                s = t + a;
                n = b - a;
            }
            break;
        }
    }
    doc->unit = arc_strndup(s ? s : "", n);
    return doc->unit ? 0 : ARC_ENOMEM;
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
static int looks_traditional(const arc_text *t, const arc_doc_opts *o)
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
        if ((o->trad_bits[cp >> 3] >> (cp & 7)) & 1 && ++hits >= o->trad_min)
            return 1;
        i += 3;
    }
    return 0;
}

/* What the file format knew better than the text: title, publication date
 * and issuer from metadata. */
static int apply_meta(arc_doc *doc, const arc_input *meta, arc_matcher *m)
{
    (void)m;
    if (meta->title && meta->title[0]) {
        char *t = arc_strdup(meta->title);
        if (!t)
            return ARC_ENOMEM;
        free(doc->title);
        doc->title = t;
        if (!doc->title_year.year) {
            for (size_t i = 0; t[i]; i++)
                if (year_word(t, strlen(t), i, &doc->title_year)) {
                    doc->title_year.at = doc->title_year.end = 0;
                    break;
                }
            if (doc->title_year.year)
                doc->year = doc->title_year.year;
        }
    }
    int y, mo, d;
    char tail;
    if (meta->published &&
        sscanf(meta->published, "%d-%d-%d%c", &y, &mo, &d, &tail) == 3)
        doc->published = (arc_pub_date){ARC_PUB_META, y, mo, d, 0, 0};
    if (meta->unit && meta->unit[0]) {
        char *u = arc_strdup(meta->unit);
        if (!u)
            return ARC_ENOMEM;
        free(doc->unit);
        doc->unit = u;
    }
    return 0;
}

int arc_doc_parse_opts(arc_doc **out, const char *path, const char *data,
                       size_t len, const arc_doc_opts *opts,
                       const arc_input *meta, arc_error *err)
{
    *out = NULL;
    static const arc_doc_opts defaults = {NULL, NULL, NULL, 60, 60,
                                          NULL, NULL, NULL, NULL, 0};
    const arc_doc_opts *o = opts ? opts : &defaults;
    if (!path)
        path = "";
    if (len > ARC_MAX_INPUT)
        return arc_err(err, ARC_EINVAL, path, 0, 0,
                       "文件过大（超过 %zu MiB），未检查",
                       ARC_MAX_INPUT >> 20);
    arc_doc *doc = calloc(1, sizeof *doc);
    arc_matcher *m = NULL;
    int rc = ARC_ENOMEM;
    size_t bad = 0;
    if (!doc || !(doc->path = arc_strdup(path)))
        goto fail;
    if ((rc = arc_text_init(&doc->text, data, len, &bad)) == ARC_EENCODING) {
        arc_doc_free(doc);
        return arc_doc_encoding_error(path, data, len, bad, NULL, err);
    }
    if (rc || split_lines(doc) || arc_matcher_new(&m)) {
        rc = ARC_ENOMEM;
        goto fail;
    }
    if (o->t2s && o->trad_bits && looks_traditional(&doc->text, o)) {
        /* Matching sees simplified characters; evidence quotes orig. */
        if (arc_t2s_fold(o->t2s, doc->text.norm, doc->text.norm_len))
            goto fail;
        doc->traditional = 1;
    }
    doc->outline = meta ? meta->outline : NULL;
    doc->noutline = meta ? meta->nlines : 0;
    size_t first;
    if (build_tree(doc, o, &first) || find_title(doc, o, m, first))
        goto fail;
    if (!doc->title && !(doc->title = arc_strdup("")))
        goto fail;
    find_years(doc, o, m, first);
    find_published(doc, o, m);
    if (find_unit(doc, o, m) || (meta && apply_meta(doc, meta, m)))
        goto fail;
    doc->outline = NULL; /* borrowed from meta only while parsing */
    doc->noutline = 0;
    arc_matcher_free(m);
    *out = doc;
    return 0;
fail:
    arc_matcher_free(m);
    arc_doc_free(doc);
    return rc == ARC_ENOMEM ? arc_err_nomem(err) : rc;
}

void arc_doc_free(arc_doc *doc)
{
    if (!doc)
        return;
    free(doc->path);
    free(doc->title);
    free(doc->unit);
    arc_text_free(&doc->text);
    free(doc->lines);
    free(doc->sections);
    free(doc);
}

const char *arc_doc_path(const arc_doc *doc)
{
    return doc->path;
}

const char *arc_doc_title(const arc_doc *doc)
{
    return doc->title;
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

int arc_doc_report_year(const arc_doc *doc)
{
    return doc->year;
}

arc_pub_source arc_doc_published(const arc_doc *doc, int *y, int *m, int *d)
{
    if (doc->published.source != ARC_PUB_NONE) {
        *y = doc->published.y;
        *m = doc->published.m;
        *d = doc->published.d;
    }
    return doc->published.source;
}

void arc_doc_set_published(arc_doc *doc, int y, int m, int d)
{
    doc->published = (arc_pub_date){ARC_PUB_OVERRIDE, y, m, d, 0, 0};
}

/* report_html.c - the review report for people: one self-contained HTML
 * page (inline stylesheet and script, nothing loaded from anywhere) with an
 * overview of every report and, per report, its text with each finding
 * marked at its place.
 *
 * The file, in its order:
 *   head    a Content-Security-Policy that lets only the page's own script
 *           run (by its SHA-256) and loads nothing, the stylesheet, the
 *           page's frame;
 *   data    the rules and parts (arc-meta) and the overview (arc-rows: one
 *           JSON array, one object per report with its findings and what
 *           the checks across reports found), spooled to an anonymous
 *           temporary file as results arrive (corpus findings included);
 *   script  builds the overview from arc-rows and lays out a report's text
 *           only when it is opened (report_html.js);
 *   texts   one <script type="application/json" id="arc-t<k>"> per report
 *           text (text, headings, pages), spooled to a second temporary
 *           file as the text arrives (arc_writer_prepare, or
 *           arc_writer_result for a result that still has it), so that a
 *           batch never holds its texts.
 * The texts come last so that the browser runs the script and shows the
 * overview before it has parsed the texts (most of the file): a page of
 * 1,000 reports is 18 MB.  When the page is a file of its own (the
 * writer's temporary file) the texts are written straight into it, and at
 * close everything before them is put in front of them: the file system
 * inserts room at its start (FALLOC_FL_INSERT_RANGE, in whole blocks, so
 * the part before the texts is padded with spaces to a multiple of 4,096
 * bytes), else the texts are moved up within the file.  A page written to
 * a stream has its texts spooled and copied in after that part; the
 * padding is there too, so that a page is the same bytes either way. 
 * Everything from a report is a JSON string inside script data, with < > &
 * and U+2028/2029 escaped: it cannot end the element, and the script puts
 * it in the page as text only.  The stylesheet and script are embedded at
 * build time (cmake/embed_html.cmake). */
#define _GNU_SOURCE /* fallocate, sync_file_range */
#include "report.h"

#include "report_html_assets.h"
#include "result.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Output through a buffer of our own: escaped text is copied in runs, and
 * a report of 150 MB must not cost one stdio call per line.  With no fp,
 * bytes are only counted (the size of the part before the texts). */
typedef struct {
    FILE *fp;
    size_t n;
    unsigned long long written; /* bytes flushed so far */
    char buf[1 << 16];
} out;

static void out_flush(out *o)
{
    if (o->n && o->fp)
        fwrite(o->buf, 1, o->n, o->fp);
    o->written += o->n;
    o->n = 0;
}

static void out_put(out *o, const char *s, size_t n)
{
    if (n > sizeof o->buf - o->n) {
        out_flush(o);
        if (n > sizeof o->buf) {
            if (o->fp)
                fwrite(s, 1, n, o->fp);
            o->written += n;
            return;
        }
    }
    memcpy(o->buf + o->n, s, n);
    o->n += n;
}

static void out_str(out *o, const char *s)
{
    out_put(o, s, strlen(s));
}

/* A decimal number (snprintf costs more than the rest of a heading). */
static void out_long(out *o, long v)
{
    char b[24];
    size_t i = sizeof b;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        b[--i] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        b[--i] = '-';
    out_put(o, b + i, sizeof b - i);
}

/* Bytes that cannot stand for themselves in a JSON string inside an HTML
 * script element: control characters, " and \ (JSON); < > & (HTML: no
 * "</script" or "<!--" can form); 0xE2, the lead byte of U+2028/2029
 * (line terminators in JavaScript before ES2019). */
static const unsigned char special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['\\'] = 1, [0xE2] = 1};

/* Length of the run at s[0..n) that needs no escaping: sixteen bytes at a
 * time where SSE2 is there (every x86-64), a report is mostly such runs. */
static size_t plain_run(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i flip = _mm_set1_epi8((char)0x80);
    const __m128i below = _mm_set1_epi8((char)(0x20 ^ 0x80));
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* Unsigned v < 0x20, as a signed compare of v ^ 0x80. */
        __m128i m = _mm_cmplt_epi8(_mm_xor_si128(v, flip), below);
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)));
        int bits = _mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
    }
#endif
    while (i < n && !special[s[i]])
        i++;
    return i;
}

/* s[0..n) as a JSON string literal, safe inside <script>. */
static void out_json(out *o, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    out_put(o, "\"", 1);
    size_t i = 0, from = 0;
    while ((i += plain_run(s + i, n - i)) < n) {
        unsigned char c = s[i];
        size_t k = 1;
        const char *e;
        char esc[8];
        if (c == 0xE2) {
            /* Most are “ ” — …: only U+2028/2029 are escaped. */
            if (i + 2 >= n || s[i + 1] != 0x80 ||
                (s[i + 2] != 0xA8 && s[i + 2] != 0xA9)) {
                i++;
                continue;
            }
            e = s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            k = 3;
        } else {
            switch (c) {
            case '"': e = "\\\""; break;
            case '\\': e = "\\\\"; break;
            case '\n': e = "\\n"; break;
            case '\r': e = "\\r"; break;
            case '\t': e = "\\t"; break;
            case '<': e = "\\u003c"; break;
            case '>': e = "\\u003e"; break;
            case '&': e = "\\u0026"; break;
            default:
                snprintf(esc, sizeof esc, "\\u%04x", c);
                e = esc;
            }
        }
        out_put(o, str + from, i - from);
        out_str(o, e);
        i += k;
        from = i;
    }
    out_put(o, str + from, n - from);
    out_put(o, "\"", 1);
}

static void out_jstr(out *o, const char *s)
{
    out_json(o, s ? s : "", s ? strlen(s) : 0);
}

/* The next field of a JSON array: a comma, then the value. */
static void out_next_long(out *o, long v)
{
    out_put(o, ",", 1);
    out_long(o, v);
}

static void out_next_jstr(out *o, const char *s)
{
    out_put(o, ",", 1);
    out_jstr(o, s);
}

/* A result whose text was written before its findings: found again by its
 * address, checked against its path (an address may be reused once a
 * result is freed). */
typedef struct {
    const arc_result *r;
    uint64_t path;
    long block;
} prepared;

/* The text of a reference report (--previous: last year's, a work plan):
 * it gets no overview row, but the views of copied passages and of the
 * plan follow-up show it beside the report that names it by path. */
typedef struct {
    char *path;
    long block;
} ref_text;

typedef struct {
    out doc;        /* the page (w->fp) */
    out rows;       /* the overview's rows (a spool) */
    out texts;      /* the reports' texts: w->fp when direct, else a spool */
    int direct;     /* the texts go straight into the page's file */
    unsigned long long started; /* texts handed to the disk up to here */
    unsigned long long dropped; /* texts written and out of memory */
    int no_early;     /* early_writeback stopped */
    int early_failed; /* ... on a write error: close fails */
    size_t nrows;
    long ntexts;
    prepared *map;  /* open addressing, a power of two */
    size_t cap, n;
    ref_text *refs;
    size_t nrefs, refs_cap;
} html_state;

static uint64_t path_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static prepared *slot(const html_state *st, const arc_result *r)
{
    uint64_t h = (uint64_t)(uintptr_t)r * 0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h >> 32) & (st->cap - 1);
    while (st->map[i].r && st->map[i].r != r)
        i = (i + 1) & (st->cap - 1);
    return &st->map[i];
}

/* The text block written for r, or -1. */
static long prepared_block(const html_state *st, const arc_result *r)
{
    if (!st->cap)
        return -1;
    const prepared *p = slot(st, r);
    return p->r && p->path == path_hash(arc_result_path(r)) ? p->block : -1;
}

static int remember(html_state *st, const arc_result *r, long block)
{
    if ((st->n + 1) * 2 > st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 256;
        prepared *old = st->map;
        size_t ocap = st->cap;
        if (!(st->map = calloc(cap, sizeof *st->map))) {
            st->map = old;
            return ARC_ENOMEM;
        }
        st->cap = cap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i].r)
                *slot(st, old[i].r) = old[i];
        free(old);
    }
    prepared *p = slot(st, r);
    st->n += !p->r;
    *p = (prepared){r, path_hash(arc_result_path(r)), block};
    return 0;
}

/* How many bytes of m have bit 7 set (m has no other bits). */
static inline long bytes_marked(uint64_t m)
{
    return (long)(((m >> 7) * 0x0101010101010101ULL) >> 56);
}

/* Length of s[0..n) in UTF-16 code units: a character of four bytes
 * takes two, every other one: the bytes, less the continuation bytes
 * (10xxxxxx), plus the leads of four (11110xxx); eight bytes at a time. */
static long utf16_len(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    const uint64_t high = 0x8080808080808080ULL;
    long u = (long)n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        /* Bit 7 of each byte: 10 in bits 7-6; 1111 in bits 7-4 (a
         * shift moves no bit into another byte's bit 7). */
        u -= bytes_marked(w & ~(w << 1) & high);
        u += bytes_marked(w & (w << 1) & (w << 2) & (w << 3) & high);
    }
    for (; i < n; i++)
        u += (s[i] & 0xC0) == 0x80 ? -1 : s[i] >= 0xF0;
    return u;
}

/* Where the heading (label, text) ends in the line at line[0..), which
 * runs to the next newline or end: the end of the first occurrence of
 * the text, else the end of the line (an empty text, or one the line does
 * not hold), in UTF-16 code units.  The text mostly follows the label at
 * the start of the line: then only the bytes before it can hold an
 * earlier occurrence. */
static long heading_end(const char *line, const char *end, const char *label,
                        const char *text)
{
    size_t k = text ? strlen(text) : 0, lk = label ? strlen(label) : 0;
    if (k && lk + k <= (size_t)(end - line) && memcmp(line, label, lk) == 0 &&
        memcmp(line + lk, text, k) == 0 &&
        memchr(line, '\n', lk + k) == NULL) {
        for (size_t i = 0; i < lk; i++)
            if (line[i] == text[0] && memcmp(line + i, text, k) == 0)
                return utf16_len(line, i + k);
        return utf16_len(line, lk + k);
    }
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    size_t n = (size_t)((nl ? nl : end) - line);
    const char *found = k ? memmem(line, n, text, k) : NULL;
    return found ? utf16_len(line, (size_t)(found - line) + k)
                 : utf16_len(line, n);
}

/* Writes r's text, headings and pages as the next text block. */
static long write_text(html_state *st, const arc_result *r, const char *t,
                       size_t len)
{
    out *o = &st->texts;
    long block = st->ntexts++;
    out_str(o, "<script type=\"application/json\" id=\"arc-t");
    out_long(o, block);
    out_str(o, "\">{\"x\":");
    out_json(o, t, len);
    out_str(o, ",\"h\":[");
    /* A heading is [line, level, end]: where in its line the heading ends,
     * in the page's characters (UTF-16 code units, as the script counts):
     * its label and text are the start of the line, so the page does not
     * carry them a second time. */
    const char *at = t, *tend = t + len;
    int at_line = 1;
    for (size_t i = 0; i < arc_result_heading_count(r); i++) {
        const arc_heading *h = arc_result_heading(r, i);
        if (h->line < at_line) {
            at = t;
            at_line = 1;
        }
        while (at && at_line < h->line) {
            const char *nl = memchr(at, '\n', (size_t)(tend - at));
            at = nl ? nl + 1 : NULL;
            at_line++;
        }
        out_str(o, i ? ",[" : "[");
        out_long(o, h->line);
        out_put(o, ",", 1);
        out_long(o, h->level);
        out_put(o, ",", 1);
        out_long(o, at ? heading_end(at, tend, h->label, h->text) : 0);
        out_put(o, "]", 1);
    }
    out_str(o, "],\"pg\":[");
    if (arc_result_line_page(r, 1) > 0) {
        /* Pages as runs: [first line, page] where the page changes. */
        int line = 1, prev = 0, first = 1;
        for (const char *p = t, *end = t + len; p <= end; line++) {
            int pg = arc_result_line_page(r, line);
            if (pg && pg != prev) {
                out_str(o, first ? "[" : ",[");
                out_long(o, line);
                out_put(o, ",", 1);
                out_long(o, pg);
                out_put(o, "]", 1);
                prev = pg;
                first = 0;
            }
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl)
                break;
            p = nl + 1;
        }
    }
    out_str(o, "]}</script>\n");
    return block;
}

/* Texts are handed to the disk in stretches of this many bytes. */
#define EARLY_STRETCH (8ULL << 20)

/* While the batch is checked, the texts already in the page's file are
 * sent to the disk a stretch at a time (SYNC_FILE_RANGE_WRITE starts the
 * writes and does not wait), and the stretch before, written by then, is
 * dropped from memory.  Without this the kernel writes all of them at
 * close: the room put in front of the texts (fallocate) waits for the
 * whole file to be written and drops its cached pages, and fsync and the
 * next run's rename over the page pay for the rest.  Still made durable
 * by fsync at close, as before. */
static void early_writeback(const arc_writer *w, html_state *st)
{
#if defined(SYNC_FILE_RANGE_WRITE) && defined(POSIX_FADV_DONTNEED)
    unsigned long long upto = st->texts.written;
    if (!st->direct || st->no_early || upto - st->started < EARLY_STRETCH)
        return;
    if (fflush(w->fp) != 0)
        return; /* the error shows again at close */
    int fd = fileno(w->fp);
    if (st->started > st->dropped) {
        if (sync_file_range(fd, (off_t)st->dropped,
                            (off_t)(st->started - st->dropped),
                            SYNC_FILE_RANGE_WAIT_BEFORE |
                                SYNC_FILE_RANGE_WRITE |
                                SYNC_FILE_RANGE_WAIT_AFTER) != 0) {
            /* A write error reported here is not reported again by fsync
             * on this file: close must fail.  A file system that cannot
             * (EINVAL, ESPIPE) leaves the writing to fsync, as before. */
            st->no_early = 1;
            st->early_failed = errno != EINVAL && errno != ESPIPE &&
                               errno != ENOSYS && errno != EOPNOTSUPP;
            return;
        }
        (void)posix_fadvise(fd, (off_t)st->dropped,
                            (off_t)(st->started - st->dropped),
                            POSIX_FADV_DONTNEED);
        st->dropped = st->started;
    }
    if (sync_file_range(fd, (off_t)st->started, (off_t)(upto - st->started),
                        SYNC_FILE_RANGE_WRITE) != 0) {
        st->no_early = 1;
        st->early_failed = errno != EINVAL && errno != ESPIPE &&
                           errno != ENOSYS && errno != EOPNOTSUPP;
        return;
    }
    st->started = upto;
#else
    (void)w;
    (void)st;
#endif
}

static int prepare_html(arc_writer *w, const arc_result *r)
{
    html_state *st = w->state;
    size_t len;
    const char *t = arc_result_text(r, &len);
    if (!t || prepared_block(st, r) >= 0)
        return 0;
    long block = write_text(st, r, t, len);
    early_writeback(w, st);
    if (r->reference) {
        /* Never reported: found by its path (few per batch). */
        if (arc_grow((void **)&st->refs, &st->refs_cap, st->nrefs + 1,
                     sizeof *st->refs))
            return ARC_ENOMEM;
        if (!(st->refs[st->nrefs].path = arc_strdup(arc_result_path(r))))
            return ARC_ENOMEM;
        st->refs[st->nrefs++].block = block;
        return 0;
    }
    return remember(st, r, block);
}

static void finding(out *o, const arc_finding *fi, int first)
{
    out_str(o, first ? "[" : ",[");
    out_long(o, fi->line);
    out_put(o, ",", 1);
    out_long(o, fi->line > 0 ? fi->column : 0);
    out_put(o, ",", 1);
    out_long(o, fi->page);
    out_put(o, ",", 1);
    out_long(o, (long)fi->severity);
    out_put(o, ",", 1);
    out_jstr(o, fi->rule);
    out_put(o, ",", 1);
    out_jstr(o, fi->section);
    out_put(o, ",", 1);
    out_jstr(o, fi->message);
    out_put(o, ",", 1);
    out_jstr(o, fi->evidence);
    if (fi->related_path && *fi->related_path) {
        /* The other report of a check across reports (few findings). */
        out_put(o, ",", 1);
        out_jstr(o, fi->related_path);
        out_put(o, ",", 1);
        out_long(o, fi->related_line);
    }
    out_put(o, "]", 1);
}

/* A share 0-1 as a JSON number with two decimals. */
static void out_share(out *o, double v)
{
    long c = (long)(v * 100 + 0.5);
    out_long(o, c / 100);
    out_put(o, ".", 1);
    out_put(o, &"0123456789"[c % 100 / 10], 1);
    out_put(o, &"0123456789"[c % 10], 1);
}

/* What the checks across reports found for r: the passages it shares
 * with other reports ("sh") and the plan items checked against it ("pl"),
 * for the side-by-side and follow-up views. */
static void cross(out *o, const arc_result *r, const arc_scorecard *card)
{
    if (card && (card->compared & ARC_CARD_SHARED)) {
        out_str(o, ",\"sm\":");
        out_share(o, card->shared_max);
    }
    if (card && (card->compared & ARC_CARD_PLAN)) {
        out_str(o, ",\"pi\":");
        out_long(o, card->plan_items);
        out_str(o, ",\"pn\":");
        out_long(o, card->plan_not_followed);
    }
    size_t n = arc_result_shared_count(r);
    for (size_t i = 0; i < n; i++) {
        const arc_shared_passage *s = arc_result_shared(r, i);
        out_str(o, i ? ",[" : ",\"sh\":[[");
        out_jstr(o, s->other);
        out_next_long(o, s->line);
        out_next_long(o, s->column);
        out_next_long(o, s->other_line);
        out_next_long(o, s->other_column);
        out_next_long(o, (long)s->chars);
        out_next_jstr(o, s->rule);
        out_str(o, i + 1 < n ? "]" : "]]");
    }
    n = arc_result_plan_count(r);
    for (size_t i = 0; i < n; i++) {
        const arc_plan_item *p = arc_result_plan_item(r, i);
        out_str(o, i ? ",[" : ",\"pl\":[[");
        out_jstr(o, p->plan);
        out_next_long(o, p->plan_line);
        out_next_jstr(o, p->item);
        out_next_long(o, p->followed ? 1 : 0);
        out_next_long(o, p->line);
        out_put(o, ",", 1);
        out_share(o, p->score);
        out_str(o, i + 1 < n ? "]" : "]]");
    }
}

/* One overview row: a report's facts, scorecard and findings [from, to).
 * r and card are NULL for findings given without their result
 * (arc_writer_write). */
static void row(html_state *st, const arc_writer *w, const arc_result *r,
                const char *path, const arc_scorecard *card,
                const arc_findings *f, size_t from, size_t to, long block)
{
    out *o = &st->rows;
    long counts[3] = {0, 0, 0};
    for (size_t i = from; i < to; i++) {
        arc_severity s = arc_findings_get(f, i)->severity;
        if ((unsigned)s < 3)
            counts[s]++;
    }
    out_str(o, st->nrows++ ? ",\n{\"p\":" : "\n{\"p\":");
    out_jstr(o, path);
    out_str(o, ",\"ti\":");
    out_jstr(o, r ? arc_result_title(r) : "");
    out_str(o, ",\"u\":");
    out_jstr(o, r ? arc_result_unit(r) : "");
    out_str(o, ",\"fm\":");
    out_jstr(o, r ? arc_result_format(r) : "");
    const arc_error *why = r ? arc_result_error(r) : NULL;
    out_str(o, ",\"why\":");
    out_jstr(o, why ? why->message : "");
    out_str(o, ",\"y\":");
    out_long(o, card ? card->report_year : 0);
    out_str(o, ",\"ty\":");
    out_jstr(o, card ? card->doc_type : "");
    char pub[16] = "";
    if (card && card->published_source != ARC_PUB_NONE)
        snprintf(pub, sizeof pub, "%04d-%02d-%02d", card->published_y,
                 card->published_m, card->published_d);
    out_str(o, ",\"pub\":");
    out_jstr(o, pub);
    out_str(o, ",\"ps\":");
    out_jstr(o, card ? arc_pub_source_name(card->published_source) : "");
    int checked = card ? card->checked : !why;
    out_str(o, checked ? ",\"ok\":1,\"s\":" : ",\"ok\":0,\"s\":");
    if (card && checked)
        out_long(o, card->score);
    else
        out_str(o, "null");
    out_str(o, ",\"pt\":[");
    size_t nparts = w->rs ? arc_ruleset_part_count(w->rs) : 0;
    int annual = card && strcmp(card->doc_type, "annual-report") == 0;
    for (size_t i = 0; i < nparts; i++) {
        /* As in the summary: a part's status means nothing for another
         * document type. */
        const char *v = "";
        for (size_t k = 0; annual && k < card->nparts; k++)
            if (strcmp(card->part_id[k], arc_ruleset_part_id(w->rs, i)) == 0)
                v = arc_part_status_name(card->part_status[k]);
        if (i)
            out_put(o, ",", 1);
        out_jstr(o, v);
    }
    out_str(o, "],\"e\":");
    out_long(o, counts[ARC_SEV_ERROR]);
    out_str(o, ",\"w\":");
    out_long(o, counts[ARC_SEV_WARNING]);
    out_str(o, ",\"n\":");
    out_long(o, counts[ARC_SEV_INFO]);
    out_str(o, ",\"t\":");
    out_long(o, block);
    if (r)
        cross(o, r, card);
    out_str(o, ",\"f\":[");
    for (size_t i = from; i < to; i++)
        finding(o, arc_findings_get(f, i), i == from);
    out_str(o, "]}");
}

static int loose_row(arc_writer *w, const arc_findings *f, size_t from,
                     size_t to)
{
    row(w->state, w, NULL, arc_findings_get(f, from)->path, NULL, f, from, to,
        -1);
    return 0;
}

static int report_html(arc_writer *w, const char *path,
                       const arc_scorecard *card, const arc_findings *f)
{
    html_state *st = w->state;
    const arc_result *r = w->result;
    if (!r)
        return arc_each_file(w, f, loose_row);
    long block = prepared_block(st, r);
    size_t len;
    const char *t = arc_result_text(r, &len);
    if (block < 0 && t) {
        block = write_text(st, r, t, len);
        early_writeback(w, st);
    }
    row(st, w, r, path, card, f, 0, arc_findings_count(f), block);
    return 0;
}

static int open_html(arc_writer *w)
{
    html_state *st = calloc(1, sizeof *st);
    if (!st)
        return ARC_ENOMEM;
    w->state = st;
    st->doc.fp = w->fp;
    /* A temporary file of the writer's own, never a caller's stream. */
    st->direct = w->tmp != NULL;
    if (!(st->rows.fp = tmpfile()))
        return ARC_EIO;
    st->texts.fp = st->direct ? w->fp : tmpfile();
    return st->texts.fp ? 0 : ARC_EIO;
}

/* The page's head and frame. */
static void page_head(out *o)
{
    out_str(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, "
               "initial-scale=1\">\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\""
               "default-src 'none'; script-src 'sha256-" ARC_HTML_JS_SHA256
               "'; style-src 'unsafe-inline'; img-src data:; "
               "base-uri 'none'; form-action 'none'\">\n"
               "<meta name=\"generator\" content=\"archeck " ARC_VERSION
               "\">\n"
               "<title>法治政府建设年度报告审阅</title>\n<style>\n");
    out_put(o, (const char *)arc_html_css, arc_html_css_len);
    out_str(o, "</style>\n</head>\n<body>\n"
               "<header class=\"bar\"><h1>法治政府建设年度报告审阅</h1>"
               "<span>archeck " ARC_VERSION "</span></header>\n"
               "<noscript><p class=\"noscript\">本页用 JavaScript "
               "显示检查结果，请允许本页的脚本运行。</p></noscript>\n"
               "<div id=\"arc-app\"></div>\n");
}

static void meta(out *o, const html_state *st, const arc_ruleset *rs)
{
    out_str(o, "<script type=\"application/json\" id=\"arc-meta\">"
               "{\"v\":\"" ARC_VERSION "\",\"rules\":[");
    size_t n = rs ? arc_ruleset_rule_count(rs) : 0;
    for (size_t i = 0; i < n; i++) {
        out_str(o, i ? ",{\"id\":" : "{\"id\":");
        out_jstr(o, arc_ruleset_rule_id(rs, i));
        out_str(o, ",\"sev\":");
        out_jstr(o, arc_severity_name(arc_ruleset_rule_severity(rs, i)));
        out_str(o, ",\"d\":");
        out_jstr(o, arc_ruleset_rule_description(rs, i));
        out_str(o, ",\"b\":");
        out_jstr(o, arc_ruleset_rule_basis(rs, i));
        out_str(o, arc_ruleset_rule_enabled(rs, i) ? ",\"on\":1}"
                                                   : ",\"on\":0}");
    }
    out_str(o, "],\"parts\":[");
    n = rs ? arc_ruleset_part_count(rs) : 0;
    for (size_t i = 0; i < n; i++) {
        out_str(o, i ? ",{\"id\":" : "{\"id\":");
        out_jstr(o, arc_ruleset_part_id(rs, i));
        out_str(o, ",\"name\":");
        out_jstr(o, arc_ruleset_part_name(rs, i));
        out_put(o, "}", 1);
    }
    out_str(o, "],\"refs\":[");
    for (size_t i = 0; i < st->nrefs; i++) {
        out_str(o, i ? ",[" : "[");
        out_jstr(o, st->refs[i].path);
        out_put(o, ",", 1);
        out_long(o, st->refs[i].block);
        out_put(o, "]", 1);
    }
    out_str(o, "]}</script>\n");
}

static void discard_html(arc_writer *w)
{
    html_state *st = w->state;
    if (!st)
        return;
    if (st->rows.fp)
        fclose(st->rows.fp);
    if (st->texts.fp && !st->direct)
        fclose(st->texts.fp);
    free(st->map);
    for (size_t i = 0; i < st->nrefs; i++)
        free(st->refs[i].path);
    free(st->refs);
    free(st);
    w->state = NULL;
}

/* Copies the spool to the page (counts its bytes when o has no file);
 * 0 or ARC_EIO. */
static int copy_spool(out *o, out *spool)
{
    FILE *from = spool->fp;
    out_flush(o);
    out_flush(spool);
    if (fflush(from) != 0)
        return ARC_EIO;
    if (!o->fp) {
        off_t size = ftello(from);
        if (size < 0)
            return ARC_EIO;
        o->written += (unsigned long long)size;
        return 0;
    }
    if (fseek(from, 0, SEEK_SET) != 0)
        return ARC_EIO;
    for (size_t k; (k = fread(o->buf, 1, sizeof o->buf, from)) > 0;) {
        fwrite(o->buf, 1, k, o->fp);
        o->written += k;
    }
    return ferror(from) ? ARC_EIO : 0;
}

/* The inserted room is whole blocks of the file system: 4,096 bytes is
 * a multiple of ext4's and XFS's usual block size. */
#define PAGE_BLOCK 4096ULL

/* Everything before the texts: head, data, script, then spaces up to a
 * multiple of PAGE_BLOCK (a blank line, to the browser); 0 or ARC_EIO. */
static int page_start(out *o, html_state *st, const arc_ruleset *rs)
{
    page_head(o);
    meta(o, st, rs);
    out_str(o, "<script type=\"application/json\" id=\"arc-rows\">[");
    int rc = copy_spool(o, &st->rows);
    out_str(o, "\n]</script>\n<script>");
    out_put(o, (const char *)arc_html_js, arc_html_js_len);
    out_str(o, "</script>\n");
    size_t pad = (size_t)((PAGE_BLOCK - (o->written + o->n) % PAGE_BLOCK) %
                          PAGE_BLOCK);
    static const char spaces[] = "                                "
                                 "                                ";
    while (pad > 1) {
        size_t k = pad - 1 < sizeof spaces - 1 ? pad - 1 : sizeof spaces - 1;
        out_put(o, spaces, k);
        pad -= k;
    }
    if (pad)
        out_put(o, "\n", 1);
    out_flush(o);
    return rc;
}

/* Moves the first len bytes of the file (the texts) up by `by` bytes,
 * from the end back, through a second descriptor of the writer's
 * temporary file (the page's own is write-only); 0 or ARC_EIO. */
static int move_up(const arc_writer *w, char *buf, size_t size, off_t len,
                   off_t by)
{
    int rfd = open(w->tmp, O_RDONLY | O_CLOEXEC), wfd = fileno(w->fp);
    if (rfd < 0)
        return ARC_EIO;
    int rc = 0;
    for (off_t end = len; end > 0 && !rc;) {
        size_t k = (size_t)(end < (off_t)size ? end : (off_t)size);
        end -= (off_t)k;
        if (pread(rfd, buf, k, end) != (ssize_t)k ||
            pwrite(wfd, buf, k, end + by) != (ssize_t)k)
            rc = ARC_EIO;
    }
    close(rfd);
    return rc;
}

/* The texts are the file so far: room is made in front of them for
 * everything before them, which is then written there. */
static int close_direct(arc_writer *w, html_state *st)
{
    out *o = &st->doc;
    out_flush(&st->texts);
    if (fflush(w->fp) != 0)
        return ARC_EIO;
    off_t len = ftello(w->fp);
    o->fp = NULL;
    int rc = page_start(o, st, w->rs);
    off_t room = (off_t)o->written;
    o->fp = w->fp;
    o->written = 0;
    if (rc || len < 0)
        return ARC_EIO;
    int inserted = 0;
#ifdef FALLOC_FL_INSERT_RANGE
    /* Fails where the file system cannot (tmpfs, btrfs; a block size
     * that does not divide the room) and for an empty file. */
    inserted = len > 0 &&
               fallocate(fileno(w->fp), FALLOC_FL_INSERT_RANGE, 0, room) == 0;
#endif
    if (!inserted && move_up(w, o->buf, sizeof o->buf, len, room))
        return ARC_EIO;
    if (fseeko(w->fp, 0, SEEK_SET) != 0)
        return ARC_EIO;
    rc = page_start(o, st, w->rs);
    if (!rc && (unsigned long long)room != o->written)
        rc = ARC_EIO;
    if (fseeko(w->fp, 0, SEEK_END) != 0)
        return ARC_EIO;
    return rc;
}

static int close_html(arc_writer *w)
{
    html_state *st = w->state;
    out *o = &st->doc;
    int rc = st->direct ? close_direct(w, st) : page_start(o, st, w->rs);
    if (st->early_failed)
        rc = ARC_EIO;
    if (!rc && !st->direct)
        rc = copy_spool(o, &st->texts);
    out_str(o, "</body>\n</html>\n");
    out_flush(o);
    discard_html(w);
    return rc;
}

const arc_format arc_format_html = {.name = "html",
                                    .open = open_html,
                                    .report = report_html,
                                    .close = close_html,
                                    .needs_text = 1,
                                    .prepare = prepare_html,
                                    .discard = discard_html};

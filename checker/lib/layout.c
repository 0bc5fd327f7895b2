/* layout.c - positioned lines (PDF, OFD) to paragraphs: headers, footers
 * and page numbers out, the lines of a paragraph joined, pages kept. */
#include "layout.h"

#include "archeck.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A line whose middle lies in the top or bottom BAND of the page may be a
 * running header or footer. */
#define BAND 0.12
/* Lines of the same header on different pages lie this close (fraction of
 * the page height). */
#define SAME_PLACE 0.03
/* Headers and footers are short; longer lines are never dropped. */
#define MAX_CHROME_BYTES 240

void arc_layout_init(arc_layout *l, size_t max_text)
{
    memset(l, 0, sizeof *l);
    l->max_text = max_text;
}

void arc_layout_free(arc_layout *l)
{
    if (!l)
        return;
    free(l->buf);
    free(l->lines);
    memset(l, 0, sizeof *l);
}

int arc_layout_is_cjk(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) ||  /* Hangul jamo */
           (cp >= 0x2010 && cp <= 0x2027) ||  /* dashes, quotes, … */
           (cp >= 0x2460 && cp <= 0x24FF) ||  /* ① ⑴ ⒈ */
           (cp >= 0x25A0 && cp <= 0x25FF) ||  /* ■ ○ */
           (cp >= 0x2E80 && cp <= 0xA4CF) ||  /* radicals … CJK, kana */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||  /* Hangul */
           (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE10 && cp <= 0xFE1F) ||  /* vertical forms */
           (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) ||  /* full-width forms */
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F;
}

/* Controls, zero-width characters, and private-use code points: a symbol
 * font's bullets or a glyph number, never text. */
static int is_dropped_cp(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 ||
           cp == 0xFEFF || cp == 0xAD || (cp >= 0xE000 && cp <= 0xF8FF) ||
           cp >= 0xF0000 || cp == 0xFFFD;
}

int arc_layout_add(arc_layout *l, uint32_t page, const char *s, size_t n,
                   double x0, double x1, double top, double bottom,
                   double rel)
{
    /* Every line costs its text and a fixed share against the limit, so
     * that a page of a million one-glyph lines is refused too. */
    if (l->blen + n + 16 * (l->n + 1) > l->max_text)
        return ARC_EPARSE;
    if (arc_grow((void **)&l->buf, &l->bcap, l->blen + n + 1, 1))
        return ARC_ENOMEM;
    size_t start = l->blen, i = 0;
    uint32_t prev = 0; /* last character written, 0 at the start */
    int space = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = arc_utf8_decode(s + i, n - i, &cp);
        if (!k) { /* the readers hand over UTF-8; skip a stray byte */
            i++;
            continue;
        }
        if (is_space_cp(cp)) {
            space = 1;
        } else if (!is_dropped_cp(cp)) {
            if (space && prev && !arc_layout_is_cjk(prev) &&
                !arc_layout_is_cjk(cp))
                l->buf[l->blen++] = ' ';
            space = 0;
            memcpy(l->buf + l->blen, s + i, k);
            l->blen += k;
            prev = cp;
        }
        i += k;
    }
    if (l->blen == start)
        return 0;
    if (arc_grow((void **)&l->lines, &l->cap, l->n + 1, sizeof *l->lines)) {
        l->blen = start;
        return ARC_ENOMEM;
    }
    l->lines[l->n++] = (arc_layout_line){start, l->blen - start, x0, x1,
                                         top, bottom, rel, page};
    return 0;
}

/* ------------------------------------------------------------ helpers */

static const char *text_of(const arc_layout *l, const arc_layout_line *ln)
{
    return l->buf + ln->off;
}

static double height_of(const arc_layout_line *ln)
{
    return ln->bottom > ln->top ? ln->bottom - ln->top : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* Full-width digits count as digits: page numbers come in both widths. */
static int digit_at(const char *s, size_t n, size_t *k)
{
    if (n && s[0] >= '0' && s[0] <= '9') {
        *k = 1;
        return 1;
    }
    uint32_t cp;
    size_t m = arc_utf8_decode(s, n, &cp);
    if (m && cp >= 0xFF10 && cp <= 0xFF19) {
        *k = m;
        return 1;
    }
    return 0;
}

/*
 * The line's shape for page-number matching: digit runs as '9', dashes as
 * '-', 第 页 共 as 'f' 'p' 'g', separators as ',' and '/', ASCII letters in
 * lower case, spaces dropped, anything else '?'.  Fits in out[64] or
 * returns 0.
 */
static int shape(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        if (o >= 63)
            return 0;
        size_t k;
        if (digit_at(s + i, n - i, &k)) {
            while (i < n && digit_at(s + i, n - i, &k))
                i += k;
            out[o++] = '9';
            continue;
        }
        uint32_t cp;
        k = arc_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
        char c;
        if (cp == ' ')
            continue;
        if (cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 ||
            cp == 0x2212 || cp == 0xFF0D || cp == 0x2500 || cp == 0xB7)
            c = '-';
        else if (cp == 0x7B2C) /* 第 */
            c = 'f';
        else if (cp == 0x9875) /* 页 */
            c = 'p';
        else if (cp == 0x5171) /* 共 */
            c = 'g';
        else if (cp == ',' || cp == 0xFF0C || cp == 0x3001)
            c = ',';
        else if (cp == '/' || cp == 0xFF0F)
            c = '/';
        else if (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
            c = (char)(cp | 0x20);
        else
            c = '?';
        out[o++] = c;
    }
    out[o] = '\0';
    return 1;
}

/* "3", "- 3 -", "—3—", "第3页", "第3页 共12页", "3/12", "Page 3 of 12". */
static int is_page_number(const char *s, size_t n)
{
    static const char *const forms[] = {
        "9", "f9p", "f9pg9p", "f9p,g9p", "f9p/g9p", "g9pf9p", "g9p,f9p",
        "9/9", "9/g9p", "page9", "page9of9", "p9", NULL};
    char sh[64];
    if (!shape(s, n, sh))
        return 0;
    /* Dashes on either side, in any number: - 3 -, —3—, -- 3. */
    char *p = sh, *e = sh + strlen(sh);
    while (*p == '-')
        p++;
    while (e > p && e[-1] == '-')
        e--;
    *e = '\0';
    for (const char *const *f = forms; *f; f++)
        if (strcmp(p, *f) == 0)
            return 1;
    return 0;
}

/* Header text with its numbers blanked, so that "第3页" on page 3 and
 * "第4页" on page 4 compare equal.  Written to out (2 * n + 1 bytes). */
static size_t chrome_key(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0, k;
    while (i < n) {
        if (digit_at(s + i, n - i, &k)) {
            while (i < n && digit_at(s + i, n - i, &k))
                i += k;
            out[o++] = '#';
        } else if (s[i] == ' ') {
            i++;
        } else {
            out[o++] = s[i++];
        }
    }
    out[o] = '\0';
    return o;
}

/* ----------------------------------------------- headers and footers */

typedef struct {
    size_t line;
    size_t koff;     /* the key's offset in the key buffer */
    const char *key; /* set once the buffer stops moving */
    double rel;
    uint32_t page;
} band_line;

static int cmp_band(const void *a, const void *b)
{
    const band_line *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->rel < y->rel ? -1 : x->rel > y->rel;
}

static int cmp_band_page(const void *a, const void *b)
{
    const band_line *x = a, *y = b;
    return x->page < y->page ? -1 : x->page > y->page;
}

/*
 * Marks in keep[] the lines that are page furniture.  A candidate sits at
 * the top or bottom of its page: among the two highest or two lowest lines
 * there, and in the outer BAND when the page size is known.
 */
static int drop_furniture(const arc_layout *l, unsigned char *keep)
{
    unsigned char *edge = calloc(l->n ? l->n : 1, 1);
    band_line *bl = malloc((l->n ? l->n : 1) * sizeof *bl);
    char *keys = NULL;
    size_t kcap = 0, klen = 0, nb = 0;
    int rc = 0;
    if (!edge || !bl) {
        rc = ARC_ENOMEM;
        goto done;
    }
    for (size_t a = 0; a < l->n;) {
        size_t b = a;
        while (b < l->n && l->lines[b].page == l->lines[a].page)
            b++;
        /* The second-highest top and second-lowest bottom of the page. */
        double t1 = INFINITY, t2 = INFINITY, b1 = -INFINITY, b2 = -INFINITY;
        for (size_t i = a; i < b; i++) {
            double t = l->lines[i].top, u = l->lines[i].bottom;
            if (t < t1) {
                t2 = t1;
                t1 = t;
            } else if (t < t2) {
                t2 = t;
            }
            if (u > b1) {
                b2 = b1;
                b1 = u;
            } else if (u > b2) {
                b2 = u;
            }
        }
        for (size_t i = a; i < b; i++) {
            const arc_layout_line *ln = &l->lines[i];
            double r = ln->rel;
            int outer = r < 0 || r < BAND || r > 1 - BAND;
            edge[i] = outer && (ln->top <= t2 || ln->bottom >= b2) &&
                      ln->len <= MAX_CHROME_BYTES;
        }
        a = b;
    }
    for (size_t i = 0; i < l->n; i++) {
        if (!edge[i])
            continue;
        const arc_layout_line *ln = &l->lines[i];
        if (is_page_number(text_of(l, ln), ln->len)) {
            keep[i] = 0;
            continue;
        }
        if (arc_grow((void **)&keys, &kcap, klen + 2 * ln->len + 1, 1)) {
            rc = ARC_ENOMEM;
            goto done;
        }
        size_t kl = chrome_key(text_of(l, ln), ln->len, keys + klen);
        bl[nb++] = (band_line){i, klen, NULL, ln->rel < 0 ? 0 : ln->rel,
                               ln->page};
        klen += kl + 1;
    }
    for (size_t i = 0; i < nb; i++)
        bl[i].key = keys + bl[i].koff;
    if (nb)
        qsort(bl, nb, sizeof *bl, cmp_band);
    /* Runs of one key at about the same place: furniture when they are
     * on more than half of the pages (and at least two). */
    for (size_t a = 0; a < nb;) {
        size_t b = a + 1;
        while (b < nb && strcmp(bl[b].key, bl[a].key) == 0 &&
               bl[b].rel - bl[b - 1].rel <= SAME_PLACE)
            b++;
        qsort(bl + a, b - a, sizeof *bl, cmp_band_page);
        size_t pages = 0;
        for (size_t i = a; i < b; i++)
            pages += i == a || bl[i].page != bl[i - 1].page;
        if (pages >= 2 && 2 * pages > l->npages)
            for (size_t i = a; i < b; i++)
                keep[bl[i].line] = 0;
        a = b;
    }
done:
    free(edge);
    free(bl);
    free(keys);
    return rc;
}

/* ---------------------------------------------------------- paragraphs */

/* The last character of s[0..n), closing quotes and brackets skipped. */
static uint32_t last_meaningful(const char *s, size_t n)
{
    while (n) {
        uint32_t cp = arc_utf8_before(s, n);
        if (cp != 0x201D && cp != 0x2019 && cp != 0x300D && cp != 0x300F &&
            cp != 0xFF09 && cp != ')' && cp != '"' && cp != '\'')
            return cp;
        size_t k = 1;
        while (k < n && ((unsigned char)s[n - k] & 0xC0) == 0x80)
            k++;
        n -= k;
    }
    return 0;
}

/* Brackets opened and not closed in s: ( and （ against ) and ）. */
static int open_brackets(const char *s, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')')
            depth--;
        else if (i + 2 < n && (unsigned char)s[i] == 0xEF &&
                 (unsigned char)s[i + 1] == 0xBC) {
            /* U+FF08 （ and U+FF09 ） */
            if ((unsigned char)s[i + 2] == 0x88)
                depth++;
            else if ((unsigned char)s[i + 2] == 0x89)
                depth--;
        }
    }
    return depth > 0;
}

static int ends_sentence(const char *s, size_t n)
{
    uint32_t cp = last_meaningful(s, n);
    /* A colon inside an open bracket ("（责任单位:" wrapped before the
     * units) introduces what the next line holds: not a paragraph end. */
    if ((cp == 0xFF1A || cp == ':') && open_brackets(s, n))
        return 0;
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A ||
           cp == 0xFF1B || cp == '!' || cp == '?' || cp == ':' || cp == ';';
}

static int starts_with(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

/* Digits (up to `max`) at s; returns the bytes, 0 if none. */
static size_t digits(const char *s, size_t n, size_t max)
{
    size_t i = 0;
    while (i < n && i <= max && s[i] >= '0' && s[i] <= '9')
        i++;
    return i <= max ? i : 0;
}

/* Does s start with a numbering label: 一、 (一) （一） 1. 1、 1． (1) 一是? */
static int starts_heading(const char *s, size_t n)
{
    size_t k;
    int v;
    int paren = starts_with(s, n, "(") ? 1 : starts_with(s, n, "（") ? 3 : 0;
    if (paren) {
        const char *p = s + paren;
        size_t m = n - paren;
        if (!(k = arc_cn_small_number(p, m, &v)))
            k = digits(p, m, 2);
        return k && (starts_with(p + k, m - k, ")") ||
                     starts_with(p + k, m - k, "）"));
    }
    if ((k = arc_cn_small_number(s, n, &v)) && v > 0)
        return starts_with(s + k, n - k, "、") ||
               starts_with(s + k, n - k, "是");
    if ((k = digits(s, n, 2))) {
        if (starts_with(s + k, n - k, "、") ||
            starts_with(s + k, n - k, "．"))
            return 1;
        /* 1.5倍 is a number, 1.依法… a heading. */
        return k < n && s[k] == '.' &&
               !(k + 1 < n && s[k + 1] >= '0' && s[k + 1] <= '9');
    }
    return 0;
}

static int is_letter(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static int is_word_char(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || is_letter(cp);
}

/*
 * Do two joined lines need a space?  Only between Latin words ("keep one" /
 * "space") or after a word's punctuation ("words," / "such"), not inside a
 * number or code set in Chinese text ("第1" / "6项", "报告202" / "6-03-28"),
 * which line breaking may split anywhere.  "460," / "2025年" neither:
 * Chinese text may use ASCII commas.
 */
static int needs_space(const char *a, size_t na, const char *b, size_t nb)
{
    uint32_t first, last = arc_utf8_before(a, na);
    if (!arc_utf8_decode(b, nb, &first) || !is_word_char(first))
        return 0;
    if (!is_word_char(last))
        return last && last < 0x80 && strchr(",.;:!?)", (int)last) &&
               na >= 2 && is_letter(arc_utf8_before(a, na - 1));
    size_t i = na, j = 0;
    while (i > 0 && is_word_char((unsigned char)a[i - 1]))
        i--;
    while (j < nb && b[j] && (is_word_char((unsigned char)b[j]) ||
                              strchr(",.;:!?%)-/", b[j])))
        j++;
    /* Set in Chinese: CJK before the word and CJK (or nothing) after. */
    uint32_t before = arc_utf8_before(a, i), after = 0;
    if (j < nb && !arc_utf8_decode(b + j, nb - j, &after))
        after = 0;
    return !(arc_layout_is_cjk(before) &&
             (after == 0 || arc_layout_is_cjk(after)));
}

/*
 * The smallest (sign -1: largest) edge value that enough lines share: a
 * margin, not the one line poking out of it.  v is sorted ascending.
 */
static double margin(const double *v, size_t n, double tol, int sign)
{
    size_t need = n / 10;
    need = need < 2 ? 2 : need > 5 ? 5 : need;
    if (n < need)
        return n ? (sign > 0 ? v[0] : v[n - 1]) : 0;
    if (sign > 0) {
        for (size_t i = 0, j = 0; i < n; i++) {
            while (j < n && v[j] - v[i] <= tol)
                j++;
            if (j - i >= need)
                return v[i];
        }
        return v[0];
    }
    for (size_t i = n, j = n; i-- > 0;) {
        while (j > 0 && v[i] - v[j - 1] <= tol)
            j--;
        if (i + 1 - j >= need)
            return v[i];
    }
    return v[n - 1];
}

typedef struct {
    double left, right; /* margins */
    double height;      /* typical line height */
    double gap;         /* typical space between lines */
    int indents;        /* paragraphs start with an indent */
} metrics;

static double height_or(const arc_layout_line *ln, double dflt)
{
    return height_of(ln) > 0 ? height_of(ln) : dflt;
}

static int is_short(const metrics *m, const arc_layout_line *ln)
{
    /* Short of the margin by more than a few characters: a line can end
     * a character or two early where a number or a closing mark would not
     * fit, never four. */
    return ln->x1 < m->right - 3 * height_or(ln, m->height);
}

static int is_indented(const metrics *m, const arc_layout_line *ln)
{
    /* First-line indent: two characters in official documents. */
    return ln->x0 > m->left + 0.9 * height_or(ln, m->height);
}

static int measure(const arc_layout *l, const unsigned char *keep,
                   metrics *m)
{
    double *v = malloc((l->n ? l->n : 1) * sizeof *v);
    if (!v)
        return ARC_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (keep[i] && height_of(&l->lines[i]) > 0)
            v[k++] = height_of(&l->lines[i]);
    m->height = k ? median(v, k) : 1;
    k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (keep[i])
            v[k++] = l->lines[i].x0;
    qsort(v, k, sizeof *v, cmp_double);
    m->left = margin(v, k, m->height, 1);
    k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (keep[i])
            v[k++] = l->lines[i].x1;
    qsort(v, k, sizeof *v, cmp_double);
    m->right = margin(v, k, m->height, -1);
    k = 0;
    const arc_layout_line *prev = NULL;
    for (size_t i = 0; i < l->n; i++) {
        if (!keep[i])
            continue;
        const arc_layout_line *ln = &l->lines[i];
        if (prev && prev->page == ln->page && ln->top > prev->top)
            v[k++] = ln->top - prev->bottom;
        prev = ln;
    }
    m->gap = k ? median(v, k) : 0;
    /* Do the lines after a clear paragraph end (a short line closing a
     * sentence) start indented?  Then an unindented line after a full one
     * goes on with its paragraph even when the full line ends a sentence. */
    size_t ends = 0, indented = 0;
    prev = NULL;
    for (size_t i = 0; i < l->n; i++) {
        if (!keep[i])
            continue;
        const arc_layout_line *ln = &l->lines[i];
        if (prev && is_short(m, prev) &&
            ends_sentence(text_of(l, prev), prev->len)) {
            ends++;
            indented += is_indented(m, ln);
        }
        prev = ln;
    }
    m->indents = ends >= 2 && 5 * indented >= 3 * ends;
    free(v);
    return 0;
}

/* Does line b start a new paragraph after line a? */
static int breaks(const arc_layout *l, const metrics *m,
                  const arc_layout_line *a, const arc_layout_line *b)
{
    double ha = height_or(a, m->height), hb = height_or(b, m->height);
    if (is_short(m, a) || starts_heading(text_of(l, b), b->len))
        return 1;
    /* A long title wrapped: a centred line in the larger size of the full
     * line before it goes on with it. */
    if (ha > 1.15 * m->height && fabs(ha - hb) <= 0.2 * ha &&
        fabs((b->x0 - m->left) - (m->right - b->x1)) < 1.5 * hb &&
        !ends_sentence(text_of(l, a), a->len))
        return 0;
    if (is_indented(m, b))
        return 1;
    if (!m->indents && ends_sentence(text_of(l, a), a->len))
        return 1;
    if (fabs(ha - hb) > 0.2 * (ha > hb ? ha : hb))
        return 1;
    if (a->page == b->page && b->top > a->top &&
        b->top - a->bottom > m->gap + 0.8 * m->height)
        return 1;
    return 0;
}

int arc_layout_emit(const arc_layout *l, arc_input *in)
{
    size_t cap = in->text ? in->len + 1 : 0, ocap = in->nlines;
    unsigned char *keep = malloc(l->n ? l->n : 1);
    if (!keep)
        return ARC_ENOMEM;
    memset(keep, 1, l->n);
    metrics m;
    int rc = drop_furniture(l, keep);
    if (!rc)
        rc = measure(l, keep, &m);
    const arc_layout_line *prev = NULL;
    for (size_t i = 0; i < l->n && !rc; i++) {
        if (!keep[i])
            continue;
        const arc_layout_line *ln = &l->lines[i];
        const char *s = text_of(l, ln);
        if (prev && breaks(l, &m, prev, ln)) {
            rc = arc_input_end_line(in, &cap, &ocap, 0, 0);
            prev = NULL;
        }
        if (rc)
            break;
        if (!prev) {
            in->cur_page = ln->page;
        } else if (needs_space(text_of(l, prev), prev->len, s, ln->len)) {
            rc = arc_input_append(in, &cap, " ", 1);
        }
        if (!rc)
            rc = arc_input_append(in, &cap, s, ln->len);
        prev = ln;
    }
    if (!rc && prev)
        rc = arc_input_end_line(in, &cap, &ocap, 0, 0);
    if (!rc && !in->text) /* no lines: still a string */
        rc = arc_input_append(in, &cap, "", 0);
    free(keep);
    return rc;
}

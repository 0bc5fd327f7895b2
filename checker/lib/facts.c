/* facts.c - the report facts, read in this order:
 *  1. zones: each line of the head (before the first heading) is site
 *     chrome, a date widget, a metadata line, a meeting line, the
 *     addressee, or text; a transmittal letter (报送函, 印发通知) is found by
 *     its sentence and the date that closes it;
 *  2. the title: the first text line that reads as a title (short, with
 *     the subject words, ending like one), joined with its other half when
 *     split, a copy printed right after it skipped;
 *  3. the document type: strong cues and masks, then the title (《…》
 *     left out), then cues in the head of the text, else the fallback;
 *  4. the report year: weighed evidence from the title, the opening lines
 *     and the top-level headings, never from chrome, metadata or the
 *     letter; the year with most weight is N;
 *  5. the publication date: ranked labels (in the head and in the page's
 *     text outside the article), a date on its own line in the head, a
 *     date beside the title, the signature, the letter's date, in that
 *     order; metadata (PubDate) and --published override;
 *  6. the issuing unit.
 * All wording comes from the rule set's document profile; the document's
 * structure is read-only here. */
#include "facts.h"

#include "input.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTF8_JU "\xE3\x80\x82"   /* 。 */
#define UTF8_NIAN "\xE5\xB9\xB4" /* 年 */

const arc_doc_profile arc_doc_profile_default = {
    .max_title_chars = 60,
    .max_heading_chars = 60,
    .year_min_weight = 1,
    .head_chars = 1000,
    .cue_chars = 200,
};

/* Lines looked at for zones: the head is short; a document without
 * headings is not classified line by line to its end. */
#define ZONE_MAX_LINES 80
/* Short lines that are not a title (site names, section names) skipped
 * before giving up on a title. */
#define TITLE_MAX_SKIP 12
/* Lines after a letter's sentence within which its date is looked for. */
#define LETTER_DATE_LINES 6
/* Lines before the sentence where its start (文号, red header) may be. */
#define LETTER_START_LINES 8
/* Opening lines read for year evidence. */
#define OPENING_LINES 6

typedef struct {
    const arc_doc *doc;
    const arc_doc_profile *o;
    arc_matcher *m;
    const char *t;
    size_t len;
    size_t first;     /* line of the first heading (nlines if none) */
    size_t zend;      /* lines [0, zend) have zones */
    size_t body_line; /* first line of the document's own text */
    size_t cand_s, cand_e; /* the first short line skipped as no title */
    size_t memo_s, memo_e; /* the span last asked whether it reads as a */
    int memo;              /* title (zones and the title ask twice) */
} reader;

static arc_zone zone_of(const arc_facts *f, size_t li)
{
    return li < f->nzones ? f->zones[li] : ARC_ZONE_TEXT;
}

arc_zone arc_facts_zone(const arc_facts *f, size_t li)
{
    return zone_of(f, li);
}

/* Searches re in t[s, e) taken as a subject of its own, from offset
 * `from`: ^ and $ are the span's ends (a line's patterns see the trimmed
 * line).  Offsets in *ms, *me are t's. */
static int sub_search(const arc_regex *re, arc_matcher *m, const char *t,
                      size_t s, size_t e, size_t from, int anchored,
                      size_t *ms, size_t *me)
{
    if (!re || from > e)
        return 0;
    int rc = arc_regex_search(re, m, t + s, e - s, from - s, anchored, ms, me);
    if (rc > 0) {
        *ms += s;
        *me += s;
    }
    return rc > 0;
}

static int any_matches(const arc_pattern_list *l, arc_matcher *m,
                       const char *t, size_t s, size_t e)
{
    size_t ms, me;
    for (size_t i = 0; i < l->n; i++)
        if (sub_search(l->v[i], m, t, s, e, s, 0, &ms, &me))
            return 1;
    return 0;
}

static int matches(const arc_regex *re, arc_matcher *m, const char *t,
                   size_t s, size_t e)
{
    size_t ms, me;
    return sub_search(re, m, t, s, e, s, 0, &ms, &me);
}

/* The trimmed span of line li. */
static void line_span(const reader *r, size_t li, size_t *s, size_t *e)
{
    const arc_line *ln = &r->doc->lines[li];
    *s = arc_trim_start(r->t, ln->start, ln->end);
    *e = arc_trim_end(r->t, *s, ln->end);
}

static int has_ju(const char *t, size_t s, size_t e)
{
    /* 。 is E3 80 82; E3 leads CJK punctuation only, so memchr is fast. */
    for (const char *p = t + s;
         (p = memchr(p, 0xE3, (size_t)(t + e - p))) != NULL; p++)
        if (p + 3 <= t + e && memcmp(p, UTF8_JU, 3) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------ dates */

/* A time after a date: 09:40 or 09:40:12. */
static size_t time_at(const char *t, size_t e, size_t i)
{
    size_t j = i;
    while (j < e && t[j] == ' ')
        j++;
    size_t d = j;
    while (j < e && t[j] >= '0' && t[j] <= '9' && j - d < 2)
        j++;
    if (j == d || j >= e || t[j] != ':')
        return 0;
    for (int part = 0; part < 2; part++) {
        if (j >= e || t[j] != ':')
            break;
        size_t q = j + 1;
        if (q + 2 > e || t[q] < '0' || t[q] > '9' || t[q + 1] < '0' ||
            t[q + 1] > '9')
            break;
        j = q + 2;
    }
    return j > d + 2 ? j - i : 0;
}

/* Could a date start at t[i]?  A digit, or 〇 ○ 二 (the first digit of
 * a year written in Chinese numerals). */
static int date_start(const char *t, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c >= '0' && c <= '9')
        return 1;
    return (c == 0xE3 && memcmp(t + i, "\xE3\x80\x87", 3) == 0) ||
           (c == 0xE2 && memcmp(t + i, "\xE2\x97\x8B", 3) == 0) ||
           (c == 0xE4 && memcmp(t + i, "\xE4\xBA\x8C", 3) == 0);
}

/* A line that holds a date and nothing else but what the profile allows
 * before (a bullet, the issuing unit) and after it (a time, 来源:…).  The
 * date goes to *d. */
static int date_line(const reader *r, size_t s, size_t e, arc_date *d)
{
    const char *t = r->t;
    for (size_t i = s; i < e; i++) {
        if (!date_start(t, i) || (i > s && t[i - 1] >= '0' && t[i - 1] <= '9'))
            continue;
        if (!arc_date_loose_at(t, e, i, d))
            continue;
        /* The whole of what precedes and follows must be allowed. */
        size_t b = arc_trim_end(t, s, i), ms, me;
        if (b > s && (!sub_search(r->o->date_before, r->m, t, s, b, s, 1, &ms,
                                  &me) ||
                      me != b))
            return 0;
        size_t a = d->end + time_at(t, e, d->end);
        a = arc_trim_start(t, a, e);
        if (a < e && (!sub_search(r->o->date_after, r->m, t, a, e, a, 1, &ms,
                                  &me) ||
                      me != e))
            return 0;
        return 1;
    }
    return 0;
}

static arc_pub_date pub_of(const arc_date *d, arc_pub_source src)
{
    return (arc_pub_date){src, d->year, d->month, d->day, d->start, d->end};
}

/* ------------------------------------------------------------ zones */

static int ends_like_title(const reader *r, const char *t, size_t s, size_t e);
static int reads_as_title(reader *r, size_t s, size_t e);

/* Does t[s, e) hold a mark that chrome and metadata lines are made of:
 * : > | [ ] # 】 • · ? */
static int zone_marks(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == ':' || c == '>' || c == '|' || c == '[' || c == ']' ||
            c == '#')
            return 1;
        if (c == 0xE3 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 &&
            (unsigned char)t[i + 2] == 0x91) /* 】 */
            return 1;
        if (c == 0xE2 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 &&
            (unsigned char)t[i + 2] == 0xA2) /* • */
            return 1;
        if (c == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xB7) /* · */
            return 1;
    }
    return 0;
}

static arc_zone classify(reader *r, size_t li)
{
    const arc_doc_profile *o = r->o;
    const char *t = r->t;
    size_t s, e;
    line_span(r, li, &s, &e);
    if (s == e)
        return ARC_ZONE_BLANK;
    /* Compared with limits up to 100 characters only: a line of more
     * than 400 bytes has more than 100, whatever they are. */
    size_t chars = e - s > 400 ? e - s : arc_utf8_count(t + s, e - s);
    int ju = has_ju(t, s, e);
    /* A paragraph is the text: chrome, widgets and meeting lines are
     * short and have no 。 (and searching each paragraph for them costs). */
    if (ju && chars > 60)
        return ARC_ZONE_TEXT;
    /* A line that reads as a title (subject words, a title's ending) and
     * has none of the marks chrome and metadata are made of (: > | [ ]
     * 】 and bullets) is the document's text: the title is the commonest
     * first line, and trying every chrome pattern on it costs. */
    if (o->title_subject && o->title_end && !zone_marks(t, s, e) &&
        reads_as_title(r, s, e))
        return ARC_ZONE_TEXT;
    if (chars <= 80 && matches(o->widget, r->m, t, s, e))
        return ARC_ZONE_WIDGET;
    /* Metadata before chrome: label lines are the commoner (a chrome line
     * taken for metadata is skipped all the same). */
    arc_date d;
    if (!ju && chars <= 100 &&
        (any_matches(&o->meta, r->m, t, s, e) || date_line(r, s, e, &d)))
        return ARC_ZONE_META;
    if (any_matches(&o->chrome, r->m, t, s, e))
        return ARC_ZONE_CHROME;
    if (any_matches(&o->meeting, r->m, t, s, e))
        return ARC_ZONE_MEETING;
    if (!ju && matches(o->addressee, r->m, t, s, e))
        return ARC_ZONE_ADDRESSEE;
    return ARC_ZONE_TEXT;
}

/* A transmittal letter or 印发通知 before the document: its sentence
 * (现将…呈送…请审阅), the date that closes it within a few lines, back to
 * where it starts (red header, 文号, its title, or the addressee).  Its
 * text lines become the letter zone; chrome and metadata keep theirs. */
static void find_letter(arc_facts *f, const reader *r)
{
    const arc_doc_profile *o = r->o;
    if (!o->letter_body)
        return;
    for (size_t b = 0; b < r->zend; b++) {
        if (zone_of(f, b) != ARC_ZONE_TEXT)
            continue;
        size_t s, e;
        line_span(r, b, &s, &e);
        if (!matches(o->letter_body, r->m, r->t, s, e))
            continue;
        /* Windows count lines with text: letters are often spaced out
         * with blank (or no-break-space) lines. */
        size_t end = (size_t)-1;
        arc_date d;
        for (size_t k = b + 1, n = 0; k < r->zend && n < LETTER_DATE_LINES;
             k++) {
            line_span(r, k, &s, &e);
            if (s == e)
                continue;
            n++;
            if (date_line(r, s, e, &d)) {
                end = k;
                break;
            }
        }
        if (end == (size_t)-1)
            continue;
        size_t start = b, above = b;
        for (size_t k = b, n = 0; k-- > 0 && n < LETTER_START_LINES;) {
            line_span(r, k, &s, &e);
            if (s == e)
                continue;
            if (!n++)
                above = k;
            if (any_matches(&o->letter_start, r->m, r->t, s, e))
                start = k;
        }
        if (start == b && above < b && zone_of(f, above) == ARC_ZONE_ADDRESSEE)
            start = above;
        f->letter_date = pub_of(&d, ARC_PUB_LETTER);
        while (end + 1 < r->zend) {
            size_t k = end + 1;
            line_span(r, k, &s, &e);
            if (s < e && !matches(o->letter_after, r->m, r->t, s, e))
                break;
            end = k;
        }
        for (size_t k = start; k <= end; k++)
            if (f->zones[k] == ARC_ZONE_TEXT ||
                f->zones[k] == ARC_ZONE_ADDRESSEE ||
                (f->zones[k] == ARC_ZONE_META && k == end))
                f->zones[k] = ARC_ZONE_LETTER;
        /* The date line itself is the letter's, whatever its zone. */
        for (size_t k = b + 1; k <= end; k++) {
            line_span(r, k, &s, &e);
            if (s < e && date_line(r, s, e, &d) &&
                d.start == f->letter_date.at)
                f->zones[k] = ARC_ZONE_LETTER;
        }
        f->letter_start = r->doc->lines[start].start;
        f->letter_end = r->doc->lines[end].end;
        return;
    }
}

static int zones(arc_facts *f, reader *r)
{
    f->nzones = r->zend;
    if (!r->zend)
        return 0;
    if (!(f->zones = calloc(r->zend, sizeof *f->zones)))
        return ARC_ENOMEM;
    for (size_t li = 0; li < r->zend; li++)
        f->zones[li] = classify(r, li);
    find_letter(f, r);
    return 0;
}

/* ------------------------------------------------------------ title */

/* The title text of line li: the trimmed line without a leading 文号 or
 * [栏目] and without a date beside it. */
static void title_text(const reader *r, size_t li, size_t *ps, size_t *pe)
{
    const arc_doc_profile *o = r->o;
    size_t s, e, ms, me;
    line_span(r, li, &s, &e);
    /* Not a match-time anchor (that runs PCRE2's interpreter): the
     * pattern's own ^ anchors at the line's start. */
    if (sub_search(o->title_prefix, r->m, r->t, s, e, s, 0, &ms, &me) &&
        ms == s && me < e)
        s = arc_trim_start(r->t, me, e);
    if (sub_search(o->title_strip, r->m, r->t, s, e, s, 0, &ms, &me) &&
        ms > s)
        e = arc_trim_end(r->t, s, ms);
    *ps = s;
    *pe = e;
}

/* title_end is anchored at the end ($): it is looked for in the last
 * characters only, the last four first (…的报告), then thirty (a
 * bracket after the title); lookbehinds still see the whole span. */
static int ends_like_title(const reader *r, const char *t, size_t s, size_t e)
{
    static const size_t tail[] = {12, 90};
    size_t ms, me;
    for (size_t k = 0; k < 2; k++) {
        size_t from = e - s > tail[k] ? e - tail[k] : s;
        while (from > s && ((unsigned char)t[from] & 0xC0) == 0x80)
            from--;
        if (sub_search(r->o->title_end, r->m, t, s, e, from, 0, &ms, &me))
            return 1;
        if (from == s)
            break;
    }
    return 0;
}

/* Does t[s, e) of the text read as a title: the subject words and a
 * title's ending?  (Remembered for the last span asked.) */
static int reads_as_title(reader *r, size_t s, size_t e)
{
    if (r->memo_e && r->memo_s == s && r->memo_e == e)
        return r->memo;
    r->memo_s = s;
    r->memo_e = e;
    r->memo = matches(r->o->title_subject, r->m, r->t, s, e) &&
              ends_like_title(r, r->t, s, e);
    return r->memo;
}

/* A line that is prose, not a title: too long, or ending like a sentence
 * or an introduction. */
static int prose_line(const reader *r, size_t s, size_t e)
{
    const char *t = r->t;
    size_t max = r->o->max_title_chars;
    if (s == e || e - s > 4 * max)
        return 1;
    return arc_utf8_count(t + s, e - s) > max || t[e - 1] == ':' ||
           has_ju(t, s, e);
}

/* A short line under the title that is not yet the text: who posted it,
 * a 文号, a subtitle. */
static int source_line(const reader *r, size_t li)
{
    size_t s, e;
    line_span(r, li, &s, &e);
    return s < e && !prose_line(r, s, e) &&
           arc_utf8_count(r->t + s, e - s) <= 20;
}

/* The next non-blank line after li below `bound` (bound if none). */
static size_t next_nonblank(const reader *r, size_t li, size_t bound)
{
    size_t nx = li + 1;
    while (nx < bound) {
        size_t s, e;
        line_span(r, nx, &s, &e);
        if (s < e)
            break;
        nx++;
    }
    return nx;
}

/* Finds the title among the lines [from, bound); sets *stop to the line
 * where the document's own text starts when there is none. */
static int find_title(arc_facts *f, reader *r, size_t from, size_t bound,
                      size_t *stop)
{
    const arc_doc_profile *o = r->o;
    const char *t = r->t;
    size_t skipped = 0;
    *stop = bound;
    for (size_t li = from; li < bound; li++) {
        if (zone_of(f, li) != ARC_ZONE_TEXT)
            continue;
        size_t s, e;
        title_text(r, li, &s, &e);
        if (prose_line(r, s, e)) {
            *stop = li;
            return 0;
        }
        arc_buf b = {0};
        if (arc_buf_append(&b, t + s, e - s))
            return ARC_ENOMEM;
        size_t last = li;
        size_t chars = arc_utf8_count(t + s, e - s);
        /* A title split over two lines: the first half does not end like
         * a title, the next line is short and does; it is a fragment
         * (no subject words of its own), or one of the two says the
         * title goes on (…关于 ⏎ 关于…). */
        size_t nx = next_nonblank(r, li, bound);
        int ends = !o->title_end ||
                   (o->title_subject ? reads_as_title(r, s, e) ||
                                           ends_like_title(r, t, s, e)
                                     : ends_like_title(r, t, s, e)),
            joined = 0;
        if (!ends && nx < bound && zone_of(f, nx) == ARC_ZONE_TEXT) {
            size_t s2, e2;
            title_text(r, nx, &s2, &e2);
            int join = !prose_line(r, s2, e2) &&
                       arc_utf8_count(t + s2, e2 - s2) + chars <=
                           o->max_title_chars &&
                       ends_like_title(r, t, s2, e2);
            if (join && o->title_subject)
                join = !matches(o->title_subject, r->m, t, s2, e2) ||
                       matches(o->title_continues, r->m, t, s, e) ||
                       matches(o->title_continues, r->m, t, s2, e2);
            if (join) {
                if (arc_buf_append(&b, t + s2, e2 - s2)) {
                    arc_buf_free(&b);
                    return ARC_ENOMEM;
                }
                last = nx;
                joined = ends = 1;
            }
        }
        int ok = !o->title_subject ||
                 (ends && (joined ? matches(o->title_subject, r->m, b.data, 0,
                                            b.len)
                                  : reads_as_title(r, s, e)));
        if (!ok) {
            if (r->cand_e == 0) {
                r->cand_s = s;
                r->cand_e = e;
            }
            arc_buf_free(&b);
            if (++skipped > TITLE_MAX_SKIP) {
                *stop = li;
                return 0;
            }
            continue;
        }
        f->title_start = r->doc->lines[li].start;
        f->title_end = r->doc->lines[last].end;
        /* Web copies print the title twice (chrome may stand between). */
        size_t dup = last + 1;
        while (dup < bound && zone_of(f, dup) != ARC_ZONE_TEXT)
            dup++;
        if (dup < bound) {
            size_t s2, e2;
            line_span(r, dup, &s2, &e2);
            /* A copy may carry a date beside it, nothing longer. */
            if (e2 - s2 >= b.len && e2 - s2 <= b.len + 64) {
                title_text(r, dup, &s2, &e2);
                if (e2 - s2 == b.len && memcmp(t + s2, b.data, b.len) == 0)
                    last = dup;
            }
        }
        f->title = b.data;
        f->body_start = last + 1 < r->doc->nlines
                            ? r->doc->lines[last + 1].start
                            : r->doc->text.norm_len;
        /* The document's own text starts at the first text line after
         * the title block (metadata under the title is still the head). */
        size_t st = last + 1;
        while (st < bound && (zone_of(f, st) != ARC_ZONE_TEXT ||
                              source_line(r, st)))
            st++;
        *stop = st;
        return 0;
    }
    return 0;
}

/* ------------------------------------------------------------ type */

/* How many times re matches in [s, e), counting up to `enough`; the first
 * match's span in *at, *end. */
static int count_matches(const reader *r, const arc_regex *re, const char *t,
                         size_t s, size_t e, int enough, size_t *at,
                         size_t *end)
{
    int n = 0;
    size_t ms, me;
    while (n < enough && s <= e &&
           arc_regex_search(re, r->m, t, e, s, 0, &ms, &me) > 0) {
        if (n == 0) {
            *at = ms;
            *end = me;
        }
        n++;
        s = me > ms ? me : ms + 1;
        while (s < e && ((unsigned char)t[s] & 0xC0) == 0x80)
            s++;
    }
    return n;
}

/* The title without 《…》 and 〈…〉 spans: a 解读 of a report is a 解读,
 * a report that names a 工作要点 stays a report. */
static char *unquoted(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    int depth = 0;
    for (size_t i = 0; i < n;) {
        if (i + 3 <= n && (memcmp(s + i, "\xE3\x80\x8A", 3) == 0 ||
                           memcmp(s + i, "\xE3\x80\x88", 3) == 0)) {
            depth++;
            i += 3;
        } else if (i + 3 <= n && depth &&
                   (memcmp(s + i, "\xE3\x80\x8B", 3) == 0 ||
                    memcmp(s + i, "\xE3\x80\x89", 3) == 0)) {
            depth--;
            i += 3;
        } else {
            if (!depth)
                out[k++] = s[i];
            i++;
        }
    }
    out[k] = '\0';
    return out;
}

/* About `chars` characters of text from `from` (three bytes each, as
 * Chinese text has them), ending at a character boundary. */
static size_t window_end(const char *t, size_t len, size_t from, size_t chars)
{
    size_t e = from + 3 * chars;
    if (e >= len)
        return len;
    while (e > from && ((unsigned char)t[e] & 0xC0) == 0x80)
        e--;
    return e;
}

static void set_type(arc_facts *f, const arc_doc_profile *o, size_t i,
                     const char *how, size_t at, size_t end)
{
    f->type = (int)i;
    f->type_id = o->types[i].id;
    f->type_name = o->types[i].name;
    f->type_how = how;
    f->type_at = at;
    f->type_end = end;
}

static int find_type(arc_facts *f, reader *r, size_t letter_title_s,
                     size_t letter_title_e)
{
    const arc_doc_profile *o = r->o;
    const char *t = r->t;
    f->type = -1;
    f->type_at = f->type_end = ARC_NOWHERE;
    if (!o->ntypes)
        return 0;
    int have_span = f->title_end > f->title_start;
    size_t hs = 0;
    size_t from = f->body_start;
    size_t he = window_end(t, r->len, from, o->head_chars);
    size_t ce = window_end(t, r->len, from, o->cue_chars);
    /* Masks read the title and the opening only: a template masks what it
     * is about, while a report's parts may hold a leftover mask, which is
     * placeholder.found's to report. */
    size_t mce = ce;
    if (r->first < r->doc->nlines && r->doc->lines[r->first].start >= from &&
        r->doc->lines[r->first].start < ce)
        mce = r->doc->lines[r->first].start;
    size_t at = 0, end = 0;
    /* Strong cues and masks decide first. */
    for (size_t i = 0; i < o->ntypes; i++) {
        const arc_doc_type *ty = &o->types[i];
        for (size_t c = 0; c < ty->cues.n; c++)
            if (count_matches(r, ty->cues.v[c].re, t, hs, ce,
                              ty->cues.v[c].min, &at, &end) >=
                ty->cues.v[c].min) {
                set_type(f, o, i, "cue", at, end);
                return 0;
            }
        if (!ty->masks.n)
            continue;
        size_t ms, me;
        for (size_t k = 0; f->title[0] && k < ty->masks.n; k++)
            if (arc_regex_search(ty->masks.v[k], r->m, f->title,
                                 strlen(f->title), 0, 0, &ms, &me) > 0) {
                set_type(f, o, i, "mask",
                         have_span ? f->title_start : ARC_NOWHERE,
                         have_span ? f->title_end : ARC_NOWHERE);
                return 0;
            }
        int distinct = 0;
        size_t first = ARC_NOWHERE, first_end = 0;
        for (size_t k = 0; k < ty->masks.n; k++)
            if (arc_regex_search(ty->masks.v[k], r->m, t, mce, hs, 0, &ms,
                                 &me) > 0) {
                distinct++;
                if (ms < first)
                    first = ms, first_end = me;
            }
        if (distinct >= ty->masks_min) {
            set_type(f, o, i, "mask", first, first_end);
            return 0;
        }
    }
    /* The title, without what it quotes; without one, the letter's. */
    char *tt = NULL;
    if (f->title[0])
        tt = unquoted(f->title);
    else if (letter_title_e > letter_title_s)
        tt = arc_strndup(t + letter_title_s, letter_title_e - letter_title_s);
    if ((f->title[0] || letter_title_e > letter_title_s) && !tt)
        return ARC_ENOMEM;
    for (size_t i = 0; tt && i < o->ntypes; i++)
        if (o->types[i].title &&
            matches(o->types[i].title, r->m, tt, 0, strlen(tt))) {
            if (f->title[0])
                set_type(f, o, i, "title",
                         have_span ? f->title_start : ARC_NOWHERE,
                         have_span ? f->title_end : ARC_NOWHERE);
            else
                set_type(f, o, i, "title", letter_title_s, letter_title_e);
            free(tt);
            return 0;
        }
    free(tt);
    /* Cues in the head of the text. */
    for (size_t i = 0; i < o->ntypes; i++) {
        const arc_doc_type *ty = &o->types[i];
        int n = 0;
        size_t first = ARC_NOWHERE, first_end = 0;
        for (size_t c = 0; c < ty->body.n; c++)
            if (count_matches(r, ty->body.v[c].re, t, hs, he,
                              ty->body.v[c].min, &at, &end) >=
                ty->body.v[c].min) {
                n++;
                if (at < first)
                    first = at, first_end = end;
            }
        if (n && n >= ty->body_min) {
            set_type(f, o, i, "body", first, first_end);
            return 0;
        }
    }
    /* Without a title, the first short line that did not read as one (a
     * headline, an essay's title). */
    if (!f->title[0] && letter_title_e <= letter_title_s && r->cand_e)
        for (size_t i = 0; i < o->ntypes; i++)
            if (o->types[i].title &&
                matches(o->types[i].title, r->m, t, r->cand_s, r->cand_e)) {
                set_type(f, o, i, "title", r->cand_s, r->cand_e);
                return 0;
            }
    /* Nothing recognised: a text without a title, a report year or a
     * numbered heading (an invoice, a letter, a page of prose) is not
     * taken for a report; the rest falls back. */
    int bare = !f->title[0] && letter_title_e <= letter_title_s &&
               !f->year && r->doc->nsections == 0;
    for (int pass = bare ? 0 : 1; pass < 2; pass++)
        for (size_t i = 0; i < o->ntypes; i++)
            if (pass ? o->types[i].fallback : o->types[i].bare) {
                set_type(f, o, i, pass ? "fallback" : "bare", ARC_NOWHERE,
                         ARC_NOWHERE);
                return 0;
            }
    return 0;
}

/* ------------------------------------------------------------ year */

typedef struct {
    int year;
    int weight;
    int best;              /* the heaviest single piece */
    arc_year_source source; /* of that piece */
} tally;

#define MAX_YEARS 16

typedef struct {
    tally v[MAX_YEARS];
    size_t n;
} tallies;

static void vote(tallies *ts, int year, int weight, arc_year_source src)
{
    if (year < 1990 || year > 2199 || weight <= 0)
        return;
    size_t i = 0;
    while (i < ts->n && ts->v[i].year != year)
        i++;
    if (i == ts->n) {
        if (ts->n == MAX_YEARS)
            return;
        ts->v[ts->n++] = (tally){year, 0, 0, ARC_YEAR_NONE};
    }
    ts->v[i].weight += weight;
    if (weight > ts->v[i].best) {
        ts->v[i].best = weight;
        ts->v[i].source = src;
    }
}

static int four_digits(const char *t, size_t i, size_t end)
{
    if (i + 4 > end)
        return 0;
    int y = 0;
    for (size_t k = 0; k < 4; k++) {
        if (t[i + k] < '0' || t[i + k] > '9')
            return 0;
        y = y * 10 + (t[i + k] - '0');
    }
    return y;
}

/* Is t[pos] inside a span the profile says is never a report year (文号,
 * plan periods, 《…》, 索引号)?  Searched within [s, e). */
static int excluded(const reader *r, const char *t, size_t s, size_t e,
                    size_t pos)
{
    const arc_pattern_list *x = &r->o->year_exclude;
    for (size_t i = 0; i < x->n; i++) {
        size_t from = s, ms, me;
        while (from < e &&
               sub_search(x->v[i], r->m, t, s, e, from, 0, &ms, &me)) {
            if (ms > pos)
                break;
            if (pos < me)
                return 1;
            from = me > ms ? me : ms + 1;
        }
    }
    return 0;
}

/* The first match of rule y in t[s, e) whose year is not excluded; the
 * year's span in *at. */
static int rule_year(const reader *r, const arc_year_rule *y, const char *t,
                     size_t s, size_t e, size_t *at)
{
    size_t from = s, ms, me;
    while (from <= e && sub_search(y->re, r->m, t, s, e, from, 0, &ms, &me)) {
        size_t gs, ge;
        if (y->group >= 0 && arc_matcher_group(r->m, y->group, &gs, &ge)) {
            gs += s;
            ge += s;
        } else {
            gs = ms;
            ge = me;
        }
        while (gs < ge && (t[gs] < '0' || t[gs] > '9'))
            gs++;
        int year = four_digits(t, gs, e);
        if (year && !(gs > 0 && t[gs - 1] >= '0' && t[gs - 1] <= '9') &&
            !excluded(r, t, s, e, gs)) {
            *at = gs;
            return year;
        }
        from = me > ms ? me : ms + 1;
        while (from < e && ((unsigned char)t[from] & 0xC0) == 0x80)
            from++;
    }
    return 0;
}

/* A plausible four-digit year followed by 年 at t[i] (the built-in
 * evidence of a profile without year rules). */
static int year_word(const char *t, size_t len, size_t i, arc_year_at *out)
{
    if (i + 7 > len)
        return 0;
    int y = four_digits(t, i, len);
    if (!y || (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9') || y < 1990 ||
        y > 2199 || memcmp(t + i + 4, UTF8_NIAN, 3) != 0)
        return 0;
    *out = (arc_year_at){y, i, i + 4};
    return 1;
}

/* The lines the opening is read from: the document's own text before the
 * first heading, else the first paragraph after it. */
static size_t opening_lines(const arc_facts *f, const reader *r,
                            size_t *lines)
{
    size_t n = 0;
    const arc_doc *doc = r->doc;
    size_t li = arc_doc_line_at(doc, f->body_start);
    if (f->body_start >= r->len)
        li = doc->nlines;
    if (li < r->body_line)
        li = r->body_line;
    for (; li < doc->nlines && n < OPENING_LINES; li++) {
        const arc_line *ln = &doc->lines[li];
        if (ln->start < f->body_start)
            continue;
        if (li >= r->first && n)
            break;
        if (zone_of(f, li) != ARC_ZONE_TEXT || ln->heading >= 0)
            continue;
        size_t s, e;
        line_span(r, li, &s, &e);
        if (s == e)
            continue;
        lines[n++] = li;
        if (li >= r->first)
            break;
    }
    return n;
}

static void find_years(arc_facts *f, const reader *r)
{
    const arc_doc_profile *o = r->o;
    const arc_doc *doc = r->doc;
    const char *t = r->t;
    tallies ts = {0};
    size_t ol[OPENING_LINES];
    size_t nol = opening_lines(f, r, ol);
    int min = o->year_min_weight > 0 ? o->year_min_weight : 1;

    if (!o->nyear_rules) {
        /* Built in: the first N年 of the title (the text's, else the
         * metadata's), the opening line that starts with one. */
        for (size_t i = f->title_start; i < f->title_end; i++)
            if (year_word(t, f->title_end, i, &f->title_year))
                break;
        arc_year_source src = ARC_YEAR_TITLE;
        if (!f->title_year.year && f->title_meta) {
            size_t n = strlen(f->title);
            for (size_t i = 0; i < n; i++)
                if (year_word(f->title, n, i, &f->title_year))
                    break;
            f->title_year.at = f->title_year.end = ARC_NOWHERE;
            src = ARC_YEAR_META;
        }
        for (size_t k = 0; k < nol; k++) {
            size_t s, e;
            line_span(r, ol[k], &s, &e);
            if (year_word(t, r->len, s, &f->opening_year))
                break;
        }
        vote(&ts, f->title_year.year, 10, src);
        vote(&ts, f->opening_year.year, 6, ARC_YEAR_OPENING);
    } else {
        for (size_t i = 0; i < o->nyear_rules; i++) {
            const arc_year_rule *y = &o->year_rules[i];
            size_t at;
            int year;
            if (y->from == ARC_EV_TITLE && f->title[0]) {
                /* The text's title, and the page's metadata title. */
                int ty = 0, my = 0;
                if (f->title_end > f->title_start &&
                    (ty = rule_year(r, y, t, f->title_start, f->title_end,
                                    &at))) {
                    if (!f->title_year.year)
                        f->title_year = (arc_year_at){ty, at, at + 4};
                    vote(&ts, ty + y->offset, y->weight,
                         y->source == ARC_YEAR_TITLE ? ARC_YEAR_TITLE
                                                     : y->source);
                }
                if (f->title_meta &&
                    (my = rule_year(r, y, f->title, 0, strlen(f->title),
                                    &at)) &&
                    my != ty) {
                    if (!f->title_year.year)
                        f->title_year = (arc_year_at){my, ARC_NOWHERE,
                                                      ARC_NOWHERE};
                    vote(&ts, my + y->offset, y->weight,
                         y->source == ARC_YEAR_TITLE ? ARC_YEAR_META
                                                     : y->source);
                }
            } else if (y->from == ARC_EV_OPENING) {
                for (size_t k = 0; k < nol; k++) {
                    size_t s, e;
                    line_span(r, ol[k], &s, &e);
                    if (!(year = rule_year(r, y, t, s, e, &at)))
                        continue;
                    arc_year_at *slot = y->source == ARC_YEAR_OPENING
                                            ? &f->opening_year
                                        : y->source == ARC_YEAR_REPORTED
                                            ? &f->reported_year
                                            : NULL;
                    if (slot && !slot->year)
                        *slot = (arc_year_at){year, at, at + 4};
                    vote(&ts, year + y->offset, y->weight, y->source);
                }
            }
        }
        /* Top-level headings: the first rule that finds a year in each;
         * not looked at when they could not change the outcome. */
        int hw = 0, nh = 0, lead = 0, second = 0;
        for (size_t i = 0; i < o->nyear_rules; i++)
            if (o->year_rules[i].from == ARC_EV_HEADING &&
                o->year_rules[i].weight > hw)
                hw = o->year_rules[i].weight;
        for (size_t si = 0; si < doc->nsections; si++)
            nh += doc->sections[si].level == 1 && (int)si != f->title_section;
        for (size_t i = 0; i < ts.n; i++) {
            if (ts.v[i].weight > lead) {
                second = lead;
                lead = ts.v[i].weight;
            } else if (ts.v[i].weight > second) {
                second = ts.v[i].weight;
            }
        }
        int decided = lead >= min && lead - second > nh * hw;
        for (size_t si = 0; !decided && si < doc->nsections; si++) {
            const arc_section *sec = &doc->sections[si];
            if (sec->level != 1 || (int)si == f->title_section)
                continue;
            for (size_t i = 0; i < o->nyear_rules; i++) {
                const arc_year_rule *y = &o->year_rules[i];
                size_t at;
                int year;
                if (y->from != ARC_EV_HEADING ||
                    !(year = rule_year(r, y, t, sec->title_start,
                                       sec->title_end, &at)))
                    continue;
                vote(&ts, year + y->offset, y->weight, y->source);
                break;
            }
        }
    }
    const tally *best = NULL;
    for (size_t i = 0; i < ts.n; i++) {
        const tally *c = &ts.v[i];
        if (!best || c->weight > best->weight ||
            (c->weight == best->weight && c->best > best->best))
            best = c;
    }
    if (!best || best->weight < min)
        return;
    f->year = best->year;
    f->year_weight = best->weight;
    f->year_source = best->source;
    if (f->title_year.year && f->title_year.year != f->year)
        f->year_source = ARC_YEAR_EVIDENCE;
}

/* ------------------------------------------------------------ published */

typedef struct {
    arc_pub_date date;
    int rank; /* 0: none yet */
} pub_best;

/* The value of a label that ends at t[i]: after separators on the line
 * ([ 发布日期 ] 2026-02-10, 发布日期 | 2026-…, 发布日期:2026-…), or at the start
 * of one of the next lines when the label stands alone (bullets). */
static int label_value(const char *t, size_t len, size_t i, arc_date *d)
{
    size_t e = i;
    while (e < len && t[e] != '\n')
        e++;
    size_t j = i;
    for (;;) {
        if (j < e && (t[j] == ' ' || t[j] == '\t' || t[j] == ':' ||
                      t[j] == ']' || t[j] == '|'))
            j++;
        else if (j + 3 <= e && memcmp(t + j, "\xE3\x80\x91", 3) == 0)
            j += 3; /* 】 */
        else
            break;
    }
    if (j < e)
        return date_start(t, j) && arc_date_loose_at(t, e, j, d);
    /* Alone on its line: the value is one to three lines below. */
    size_t ls = e;
    for (int k = 0; k < 3 && ls < len; k++) {
        ls++;
        size_t le = ls;
        while (le < len && t[le] != '\n')
            le++;
        size_t s = arc_trim_start(t, ls, le);
        if (s < le && (t[s] == '-' || t[s] == '*'))
            s = arc_trim_start(t, s + 1, le);
        if (s < le) {
            /* Bullets: • · */
            if (le - s >= 3 && (memcmp(t + s, "\xE2\x80\xA2", 3) == 0))
                return 0;
            if (le - s >= 2 && memcmp(t + s, "\xC2\xB7", 2) == 0)
                return 0;
            return date_start(t, s) && arc_date_loose_at(t, le, s, d);
        }
        ls = le;
    }
    return 0;
}

/* Labelled dates in t[s, e) (one line or a whole page text); the best
 * rank wins, the first of a rank. */
static void scan_labels(const reader *r, const char *t, size_t len, size_t s,
                        size_t e, int in_text, pub_best *best)
{
    const arc_doc_profile *o = r->o;
    for (size_t i = 0; i < o->nlabels; i++) {
        const arc_pub_label *l = &o->labels[i];
        if (best->rank && best->rank <= l->rank)
            continue;
        size_t from = s, ms, me;
        while (from < e && sub_search(l->re, r->m, t, s, e, from, 0, &ms, &me)) {
            arc_date d;
            if (label_value(t, len, me, &d)) {
                best->date = pub_of(&d, ARC_PUB_LABEL);
                if (!in_text)
                    best->date.at = best->date.end = ARC_NOWHERE;
                best->rank = l->rank;
                break;
            }
            from = me > ms ? me : ms + 1;
        }
    }
}

/* The date closing a signature mark's line ((此件公开发布) after the 通知's
 * date): a date that ends right before the mark. */
static int mark_date(const reader *r, size_t limit, arc_date *out)
{
    const arc_doc_profile *o = r->o;
    const char *t = r->t;
    size_t from = 0, ms, me;
    while (o->signature_mark && from < limit &&
           arc_regex_search(o->signature_mark, r->m, t, limit, from, 0, &ms,
                            &me) > 0) {
        size_t lo = ms > 48 ? ms - 48 : 0;
        for (size_t k = lo; k < ms; k++) {
            arc_date d;
            if (date_start(t, k) &&
                !(k > 0 && t[k - 1] >= '0' && t[k - 1] <= '9') &&
                arc_date_loose_at(t, ms, k, &d) &&
                arc_trim_start(t, d.end, ms) == ms) {
                *out = d;
                return 1;
            }
        }
        from = me > ms ? me : ms + 1;
    }
    return 0;
}

static void find_signature(arc_facts *f, const reader *r)
{
    const arc_doc *doc = r->doc;
    const char *t = r->t;
    size_t seen = 0;
    for (size_t li = doc->nlines; li-- > 0 && seen < 8;) {
        if (li < r->body_line || zone_of(f, li) == ARC_ZONE_LETTER)
            break;
        size_t s, e;
        line_span(r, li, &s, &e);
        if (s == e)
            continue;
        seen++;
        arc_date d;
        if (date_start(t, s) && arc_date_loose_at(t, e, s, &d) &&
            arc_trim_start(t, d.end, e) == e) {
            f->signature = pub_of(&d, ARC_PUB_SIGNATURE);
            return;
        }
    }
}

static void find_published(arc_facts *f, const reader *r,
                           const arc_input *meta)
{
    const arc_doc *doc = r->doc;
    const char *t = r->t;
    pub_best best = {{0}, 0};
    find_signature(f, r);
    /* Labels on the head's metadata and chrome lines (a line with a
     * label is metadata: the profile's meta patterns name the labels);
     * a profile without meta patterns looks at every text line too. */
    for (size_t li = 0; li < r->body_line && li < doc->nlines; li++) {
        arc_zone z = zone_of(f, li);
        if (z != ARC_ZONE_META && z != ARC_ZONE_CHROME &&
            !(z == ARC_ZONE_TEXT && !r->o->meta.n))
            continue;
        scan_labels(r, t, r->len, doc->lines[li].start, doc->lines[li].end, 1,
                    &best);
    }
    /* The page's text outside the article (info bars of web pages). */
    arc_text page = {0};
    int have_page = meta && meta->chrome && meta->chrome[0] &&
                    arc_text_init(&page, meta->chrome, strlen(meta->chrome),
                                  NULL) == 0;
    if (have_page)
        scan_labels(r, page.norm, page.norm_len, 0, page.norm_len, 0, &best);
    if (best.rank) {
        f->published = best.date;
        f->published_rank = best.rank;
        arc_text_free(&page);
        return;
    }
    /* A date alone on its line in the head (under the title, in a
     * metadata list), not the letter's. */
    for (size_t li = 0; li < r->body_line && li < doc->nlines; li++) {
        if (zone_of(f, li) != ARC_ZONE_META)
            continue;
        size_t s, e;
        line_span(r, li, &s, &e);
        arc_date d;
        if (date_line(r, s, e, &d)) {
            f->published = pub_of(&d, ARC_PUB_LINE);
            arc_text_free(&page);
            return;
        }
    }
    if (have_page) {
        const reader pr = {.o = r->o, .m = r->m, .t = page.norm,
                           .len = page.norm_len};
        for (size_t s = 0; s < page.norm_len;) {
            const char *nl = memchr(page.norm + s, '\n', page.norm_len - s);
            size_t e = nl ? (size_t)(nl - page.norm) : page.norm_len;
            size_t a = arc_trim_start(page.norm, s, e);
            size_t b = arc_trim_end(page.norm, a, e);
            arc_date d;
            if (a < b && date_line(&pr, a, b, &d)) {
                f->published = pub_of(&d, ARC_PUB_LINE);
                f->published.at = f->published.end = ARC_NOWHERE;
                arc_text_free(&page);
                return;
            }
            s = e + 1;
        }
    }
    arc_text_free(&page);
    if (f->title_end > f->title_start) {
        arc_date d;
        arc_date_scanner sc;
        arc_date_scan_init(&sc, f->title_start);
        while (arc_date_scan(&sc, t, f->title_end, 0, &d))
            if (d.kind == ARC_DATE_DAY && arc_date_valid(&d)) {
                f->published = pub_of(&d, ARC_PUB_TITLE);
                return;
            }
    }
    if (f->signature.source != ARC_PUB_NONE) {
        f->published = f->signature;
        return;
    }
    arc_date d;
    if (f->letter_date.source == ARC_PUB_NONE &&
        mark_date(r, window_end(t, r->len, 0, 4 * r->o->cue_chars), &d))
        f->letter_date = pub_of(&d, ARC_PUB_LETTER);
    if (f->letter_date.source != ARC_PUB_NONE)
        f->published = f->letter_date;
}

/* ------------------------------------------------------------ unit */

/* The issuing body: the `unit` group of opts->unit on the title, else the
 * line just above the signature date. */
static int find_unit(arc_facts *f, const reader *r)
{
    const arc_doc_profile *o = r->o;
    const arc_doc *doc = r->doc;
    size_t ms, me, us, ue;
    const char *s = NULL;
    size_t n = 0;
    int g = o->unit ? arc_regex_group(o->unit, "unit") : -1;
    if (g >= 0 && f->title[0] &&
        arc_regex_search(o->unit, r->m, f->title, strlen(f->title), 0, 0, &ms,
                         &me) > 0 &&
        arc_matcher_group(r->m, g, &us, &ue)) {
        s = f->title + us;
        n = ue - us;
    } else if (f->signature.source != ARC_PUB_NONE) {
        const char *t = r->t;
        for (size_t li = arc_doc_line_at(doc, f->signature.at); li-- > 0;) {
            size_t a, b;
            line_span(r, li, &a, &b);
            if (a == b)
                continue;
            if (arc_utf8_count(t + a, b - a) <= 30) {
                s = t + a;
                n = b - a;
            }
            break;
        }
    }
    f->unit = arc_strndup(s ? s : "", n);
    return f->unit ? 0 : ARC_ENOMEM;
}

/* ------------------------------------------------------------ metadata */

/* What the file format knew better than the text: the title (unless the
 * page's title is the letter's), the publication date and the issuer. */
static int apply_meta_title(arc_facts *f, const arc_input *meta)
{
    if (!meta || !meta->title || !meta->title[0])
        return 0;
    if (f->letter_end > f->letter_start && f->title[0])
        return 0;
    char *t = arc_strdup(meta->title);
    if (!t)
        return ARC_ENOMEM;
    /* The text's own title keeps its span (findings point at it). */
    f->title_meta = 1;
    free(f->title);
    f->title = t;
    return 0;
}

static int apply_meta(arc_facts *f, const arc_input *meta)
{
    int y, mo, d;
    if (meta->published && arc_date_parse(meta->published, &y, &mo, &d) == 0) {
        f->published = (arc_pub_date){ARC_PUB_META, y, mo, d, ARC_NOWHERE,
                                      ARC_NOWHERE};
        f->published_rank = 0;
    }
    if (meta->unit && meta->unit[0]) {
        char *u = arc_strdup(meta->unit);
        if (!u)
            return ARC_ENOMEM;
        free(f->unit);
        f->unit = u;
    }
    return 0;
}

/* ------------------------------------------------------------ entry */

/* The first line of the head that is the document's text. */
static size_t first_text_line(const arc_facts *f, const reader *r)
{
    for (size_t li = 0; li < r->doc->nlines; li++)
        if (zone_of(f, li) == ARC_ZONE_TEXT) {
            size_t s, e;
            line_span(r, li, &s, &e);
            if (s < e)
                return li;
        }
    return r->doc->nlines;
}

/* The letter's title line (关于报送…的函, 关于印发…的通知) within the letter
 * or just above it. */
static void letter_title(const arc_facts *f, const reader *r, size_t *ps,
                         size_t *pe)
{
    *ps = *pe = 0;
    if (f->letter_end <= f->letter_start || !r->o->letter_title)
        return;
    size_t a = arc_doc_line_at(r->doc, f->letter_start);
    size_t b = arc_doc_line_at(r->doc, f->letter_end);
    for (size_t li = a > 2 ? a - 2 : 0; li <= b; li++) {
        size_t s, e;
        line_span(r, li, &s, &e);
        if (s < e && matches(r->o->letter_title, r->m, r->t, s, e)) {
            *ps = s;
            *pe = e;
            return;
        }
    }
}

static int read_facts(arc_facts *f, reader *r, const arc_input *meta)
{
    const arc_doc *doc = r->doc;
    size_t first = doc->nsections
                       ? arc_doc_line_at(doc, doc->sections[0].line_start)
                       : doc->nlines;
    size_t second = doc->nsections > 1
                        ? arc_doc_line_at(doc, doc->sections[1].line_start)
                        : doc->nlines;
    int heading_title = doc->nsections && doc->sections[0].style == ARC_NUM_NONE;
    r->zend = heading_title ? second : first;
    if (r->zend > ZONE_MAX_LINES)
        r->zend = ZONE_MAX_LINES;
    r->first = first;
    int rc = zones(f, r);
    if (rc)
        return rc;
    size_t stop = first;
    /* A title set in Word's Heading 1 style is a heading by its outline
     * level: when the first heading has no numbering label and nothing
     * but chrome comes before it, it is looked at as the title. */
    if (heading_title && first_text_line(f, r) == first) {
        rc = find_title(f, r, first, second, &stop);
        if (rc == 0 && f->title &&
            arc_doc_line_at(doc, f->title_start) == first) {
            f->title_section = 0;
            first = second;
            r->first = first;
        } else {
            free(f->title);
            f->title = NULL;
            f->title_start = f->title_end = f->body_start = 0;
            stop = first;
            if (rc)
                return rc;
        }
    }
    if (!f->title && (rc = find_title(f, r, 0, first, &stop)))
        return rc;
    if (!f->title && !(f->title = arc_strdup("")))
        return ARC_ENOMEM;
    r->body_line = stop;
    /* Past the head nothing is chrome: the text's own lines (a date line
     * at the end is a signature, not metadata). */
    for (size_t li = stop; li < f->nzones; li++)
        if (f->zones[li] != ARC_ZONE_BLANK)
            f->zones[li] = ARC_ZONE_TEXT;
    if ((rc = apply_meta_title(f, meta)))
        return rc;
    size_t lts, lte;
    letter_title(f, r, &lts, &lte);
    /* The year first: a text with neither a title nor a year is no
     * report (find_type). */
    find_years(f, r);
    if ((rc = find_type(f, r, lts, lte)))
        return rc;
    find_published(f, r, meta);
    if ((rc = find_unit(f, r)))
        return rc;
    if (meta && (rc = apply_meta(f, meta)))
        return rc;
    return 0;
}

int arc_facts_read(arc_facts *f, const arc_doc *doc, const arc_doc_profile *p,
                   const arc_input *meta, arc_error *err)
{
    memset(f, 0, sizeof *f);
    f->title_section = -1;
    f->type = -1;
    f->type_at = f->type_end = ARC_NOWHERE;
    reader r = {.doc = doc,
                .o = p ? p : &arc_doc_profile_default,
                .t = doc->text.norm,
                .len = doc->text.norm_len};
    if (arc_matcher_new(&r.m))
        return arc_err_nomem(err);
    int rc = read_facts(f, &r, meta);
    arc_matcher_free(r.m);
    if (rc) {
        arc_facts_free(f);
        return arc_err_nomem(err);
    }
    return 0;
}

void arc_facts_set_published(arc_facts *f, int y, int m, int d)
{
    f->published = (arc_pub_date){ARC_PUB_OVERRIDE, y, m, d, ARC_NOWHERE,
                                  ARC_NOWHERE};
    f->published_rank = 0;
}

void arc_facts_free(arc_facts *f)
{
    if (!f)
        return;
    free(f->title);
    free(f->unit);
    free(f->zones);
    memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------------ profile */

static void patterns_clear(arc_pattern_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        arc_regex_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static void cues_clear(arc_cue_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        arc_regex_free(l->v[i].re);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void arc_doc_type_clear(arc_doc_type *ty)
{
    free(ty->id);
    free(ty->name);
    arc_regex_free(ty->title);
    cues_clear(&ty->body);
    cues_clear(&ty->cues);
    patterns_clear(&ty->masks);
    memset(ty, 0, sizeof *ty);
}

void arc_doc_profile_clear(arc_doc_profile *p)
{
    if (!p)
        return;
    patterns_clear(&p->chrome);
    patterns_clear(&p->meta);
    patterns_clear(&p->meeting);
    patterns_clear(&p->letter_start);
    patterns_clear(&p->year_exclude);
    arc_regex *single[] = {p->widget,        p->addressee,    p->title_end,
                           p->title_subject, p->title_prefix, p->title_strip,
                           p->title_continues, p->letter_body, p->letter_after,
                           p->letter_title,  p->signature_mark,
                           p->date_before,   p->date_after,   p->unit};
    for (size_t i = 0; i < ARC_ARRAY_LEN(single); i++)
        arc_regex_free(single[i]);
    for (size_t i = 0; i < p->nlabels; i++)
        arc_regex_free(p->labels[i].re);
    free(p->labels);
    for (size_t i = 0; i < p->nyear_rules; i++)
        arc_regex_free(p->year_rules[i].re);
    free(p->year_rules);
    for (size_t i = 0; i < p->ntypes; i++)
        arc_doc_type_clear(&p->types[i]);
    free(p->types);
    p->widget = p->addressee = p->title_end = p->title_subject = NULL;
    p->title_prefix = p->title_strip = p->title_continues = NULL;
    p->letter_body = p->letter_after = p->letter_title = NULL;
    p->signature_mark = p->date_before = p->date_after = p->unit = NULL;
    p->labels = NULL;
    p->nlabels = 0;
    p->year_rules = NULL;
    p->nyear_rules = 0;
    p->types = NULL;
    p->ntypes = 0;
}

/* facts.c - the report facts: the title block among the lines before the
 * first heading (site chrome skipped, a title split over two lines joined,
 * a title printed twice skipped), the report year (title, else the opening
 * sentence), the publication date (label, date beside the title, signature)
 * and the issuing unit.  What the rule set's document profile says drives
 * it; the document's structure is read-only here. */
#include "facts.h"

#include "input.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTF8_JU "\xE3\x80\x82" /* 。 */

const arc_doc_profile arc_doc_profile_default = {NULL, NULL, NULL, 60, 60,
                                                 NULL, NULL, NULL, NULL, 0};

/* The first line that is neither empty nor site chrome (nlines if none). */
static size_t first_text_line(const arc_doc *doc, const arc_doc_profile *o,
                              arc_matcher *m)
{
    const char *t = doc->text.norm;
    for (size_t li = 0; li < doc->nlines; li++) {
        const arc_line *ln = &doc->lines[li];
        size_t s = arc_trim_start(t, ln->start, ln->end);
        if (s != arc_trim_end(t, s, ln->end) &&
            !arc_line_matches(o->chrome, m, t, ln))
            return li;
    }
    return doc->nlines;
}

/* Finds the title block among the lines before the first heading. */
static int find_title(arc_facts *f, const arc_doc *doc,
                      const arc_doc_profile *o, arc_matcher *m,
                      size_t first_heading_line)
{
    const char *t = doc->text.norm;
    size_t li = 0, cand = (size_t)-1;
    for (; li < first_heading_line; li++) {
        const arc_line *ln = &doc->lines[li];
        size_t s = arc_trim_start(t, ln->start, ln->end);
        if (s == arc_trim_end(t, s, ln->end) || arc_line_matches(o->chrome, m, t, ln))
            continue;
        cand = li;
        break;
    }
    if (cand == (size_t)-1)
        return 0;
    const arc_line *ln = &doc->lines[cand];
    size_t s = arc_trim_start(t, ln->start, ln->end);
    size_t e = arc_trim_end(t, s, ln->end);
    size_t ms, me;
    if (o->title_strip &&
        arc_regex_search(o->title_strip, m, t, e, s, 0, &ms, &me) > 0 && ms > s)
        e = arc_trim_end(t, s, ms);
    size_t chars = arc_utf8_count(t + s, e - s);
    if (chars == 0 || chars > o->max_title_chars || t[e - 1] == ':' ||
        (e - s >= 3 && memcmp(t + e - 3, UTF8_JU, 3) == 0))
        return 0;

    arc_buf b = {0};
    if (arc_buf_append(&b, t + s, e - s))
        return ARC_ENOMEM;
    f->title_start = ln->start;
    f->title_end = ln->end;
    size_t last = cand;

    /* A title split over two lines: join when the first half does not end
     * like a title and the next line is short and does. */
    int ends = o->title_end &&
               arc_regex_search(o->title_end, m, b.data, b.len, 0, 0, &ms,
                                &me) > 0;
    size_t nx = cand + 1;
    while (nx < first_heading_line &&
           arc_trim_start(t, doc->lines[nx].start, doc->lines[nx].end) ==
               doc->lines[nx].end)
        nx++;
    if (!ends && o->title_end && nx < first_heading_line) {
        const arc_line *l2 = &doc->lines[nx];
        size_t s2 = arc_trim_start(t, l2->start, l2->end);
        size_t e2 = arc_trim_end(t, s2, l2->end);
        if (arc_utf8_count(t + s2, e2 - s2) + chars <= o->max_title_chars &&
            arc_regex_search(o->title_end, m, t, e2, s2, 0, &ms, &me) > 0) {
            if (arc_buf_append(&b, t + s2, e2 - s2)) {
                arc_buf_free(&b);
                return ARC_ENOMEM;
            }
            f->title_end = l2->end;
            last = nx;
        }
    }
    /* Web copies print the title twice: skip an identical next line. */
    nx = last + 1;
    while (nx < first_heading_line &&
           arc_trim_start(t, doc->lines[nx].start, doc->lines[nx].end) ==
               doc->lines[nx].end)
        nx++;
    if (nx < first_heading_line) {
        const arc_line *l2 = &doc->lines[nx];
        size_t s2 = arc_trim_start(t, l2->start, l2->end);
        size_t e2 = arc_trim_end(t, s2, l2->end);
        if (e2 - s2 == b.len && memcmp(t + s2, b.data, b.len) == 0)
            last = nx;
    }
    f->title = b.data;
    f->body_start = last + 1 < doc->nlines ? doc->lines[last + 1].start
                                             : doc->text.norm_len;
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

static void find_years(arc_facts *f, const arc_doc *doc,
                       const arc_doc_profile *o, arc_matcher *m,
                       size_t first_heading_line)
{
    const char *t = doc->text.norm;
    size_t len = doc->text.norm_len;
    if (f->title && f->title[0])
        for (size_t i = f->title_start; i < f->title_end; i++)
            if (year_word(t, len, i, &f->title_year))
                break;
    /* The opening sentence: the first line before the first heading (after
     * the title, chrome skipped) that starts with a year. */
    for (size_t li = arc_doc_line_at(doc, f->body_start);
         li < first_heading_line && li < doc->nlines; li++) {
        const arc_line *ln = &doc->lines[li];
        if (ln->start < f->body_start || arc_line_matches(o->chrome, m, t, ln))
            continue;
        size_t s = arc_trim_start(t, ln->start, ln->end);
        if (year_word(t, len, s, &f->opening_year))
            break;
    }
    f->year = f->title_year.year ? f->title_year.year
                                 : f->opening_year.year;
    f->year_source = f->title_year.year     ? ARC_YEAR_TITLE
                     : f->opening_year.year ? ARC_YEAR_OPENING
                                            : ARC_YEAR_NONE;
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
static void find_published(arc_facts *f, const arc_doc *doc,
                           const arc_doc_profile *o, arc_matcher *m)
{
    const char *t = doc->text.norm;
    size_t len = doc->text.norm_len, ms, me;
    size_t seen = 0;
    for (size_t li = doc->nlines; li-- > 0 && seen < 8;) {
        const arc_line *ln = &doc->lines[li];
        size_t s = arc_trim_start(t, ln->start, ln->end);
        size_t e = arc_trim_end(t, s, ln->end);
        if (s == e)
            continue;
        seen++;
        arc_pub_date p;
        if (pub_date(t, len, s, ARC_PUB_SIGNATURE, &p) &&
            arc_trim_start(t, p.end, e) == e) {
            f->signature = p;
            break;
        }
    }
    if (o->published_label) {
        size_t from = 0;
        while (arc_regex_search(o->published_label, m, t, len, from, 0, &ms,
                                &me) > 0) {
            if (pub_date(t, len, arc_trim_start(t, me, len), ARC_PUB_LABEL,
                         &f->published))
                return;
            from = me > ms ? me : ms + 1;
        }
    }
    if (f->title && f->title[0]) {
        arc_date d;
        arc_date_scanner sc;
        arc_date_scan_init(&sc, f->title_start);
        while (arc_date_scan(&sc, t, f->title_end, 0, &d))
            if (d.kind == ARC_DATE_DAY && arc_date_valid(&d)) {
                f->published = (arc_pub_date){ARC_PUB_TITLE, d.year, d.month,
                                                d.day, d.start, d.end};
                return;
            }
    }
    if (f->signature.source != ARC_PUB_NONE)
        f->published = f->signature;
}

/* The issuing body: the `unit` group of opts->unit on the title, else the
 * line just above the signature date. */
static int find_unit(arc_facts *f, const arc_doc *doc,
                     const arc_doc_profile *o, arc_matcher *m)
{
    size_t ms, me, us, ue;
    const char *s = NULL;
    size_t n = 0;
    int g = o->unit ? arc_regex_group(o->unit, "unit") : -1;
    if (g >= 0 && f->title[0] &&
        arc_regex_search(o->unit, m, f->title, strlen(f->title), 0, 0, &ms,
                         &me) > 0 &&
        arc_matcher_group(m, g, &us, &ue)) {
        s = f->title + us;
        n = ue - us;
    } else if (f->signature.source != ARC_PUB_NONE) {
        const char *t = doc->text.norm;
        for (size_t li = arc_doc_line_at(doc, f->signature.at); li-- > 0;) {
            size_t a = arc_trim_start(t, doc->lines[li].start, doc->lines[li].end);
            size_t b = arc_trim_end(t, a, doc->lines[li].end);
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


/* What the file format knew better than the text: title, publication date
 * and issuer from metadata. */
static int apply_meta(arc_facts *f, const arc_input *meta)
{
    if (meta->title && meta->title[0]) {
        char *t = arc_strdup(meta->title);
        if (!t)
            return ARC_ENOMEM;
        free(f->title);
        f->title = t;
        if (!f->title_year.year) {
            for (size_t i = 0; t[i]; i++)
                if (year_word(t, strlen(t), i, &f->title_year)) {
                    f->title_year.at = f->title_year.end = 0;
                    break;
                }
            if (f->title_year.year) {
                f->year = f->title_year.year;
                f->year_source = ARC_YEAR_META;
            }
        }
    }
    int y, mo, d;
    if (meta->published && arc_date_parse(meta->published, &y, &mo, &d) == 0)
        f->published = (arc_pub_date){ARC_PUB_META, y, mo, d, 0, 0};
    if (meta->unit && meta->unit[0]) {
        char *u = arc_strdup(meta->unit);
        if (!u)
            return ARC_ENOMEM;
        free(f->unit);
        f->unit = u;
    }
    return 0;
}

int arc_facts_read(arc_facts *f, const arc_doc *doc, const arc_doc_profile *p,
                   const arc_input *meta, arc_error *err)
{
    memset(f, 0, sizeof *f);
    const arc_doc_profile *o = p ? p : &arc_doc_profile_default;
    arc_matcher *m = NULL;
    if (arc_matcher_new(&m))
        return arc_err_nomem(err);
    f->title_section = -1;
    size_t first = doc->nsections
                       ? arc_doc_line_at(doc, doc->sections[0].line_start)
                       : doc->nlines;
    /* A title set in Word's Heading 1 style is a heading by its outline
     * level: when the first heading has no numbering label and nothing but
     * chrome comes before it, it is looked at as the title. */
    if (doc->nsections && doc->sections[0].style == ARC_NUM_NONE &&
        first_text_line(doc, o, m) == first) {
        size_t bound = doc->nsections > 1
                           ? arc_doc_line_at(doc, doc->sections[1].line_start)
                           : doc->nlines;
        int rc = find_title(f, doc, o, m, bound);
        if (rc == 0 && f->title &&
            arc_doc_line_at(doc, f->title_start) == first) {
            f->title_section = 0;
            first = bound;
        } else {
            free(f->title);
            f->title = NULL;
            f->title_start = f->title_end = f->body_start = 0;
            if (rc) {
                arc_matcher_free(m);
                return arc_err_nomem(err);
            }
        }
    }
    int rc = f->title ? 0 : find_title(f, doc, o, m, first);
    if (!rc && !f->title && !(f->title = arc_strdup("")))
        rc = ARC_ENOMEM;
    if (!rc) {
        find_years(f, doc, o, m, first);
        find_published(f, doc, o, m);
        rc = find_unit(f, doc, o, m);
    }
    if (!rc && meta)
        rc = apply_meta(f, meta);
    arc_matcher_free(m);
    if (rc) {
        arc_facts_free(f);
        return arc_err_nomem(err);
    }
    return 0;
}

void arc_facts_set_published(arc_facts *f, int y, int m, int d)
{
    f->published = (arc_pub_date){ARC_PUB_OVERRIDE, y, m, d, 0, 0};
}

void arc_facts_free(arc_facts *f)
{
    if (!f)
        return;
    free(f->title);
    free(f->unit);
    memset(f, 0, sizeof *f);
}

/* copy: long passages one report shares with another (corpus_pairs.c).
 *
 *   check: between-units  reports of different units in the same year
 *          sharing passages of at least min_chars: each report names, in
 *          one finding, each of the other reports (at most max_others, the
 *          most shared first), at its longest shared passage.
 *   check: previous-year  a report and the same unit's report of the year
 *          before (the one sharing the most): most of the text shared
 *          (min_share), last year's own year left in a shared passage
 *          (message_year at year_severity: the year contradicts N; mentions
 *          the rule set allows stay quiet), and numbers that reappear
 *          unchanged in shared passages (message_numbers, once per report).
 *
 * Placeholders: {other}, {other_line}, {chars} (characters shared with
 * it), {share} (percent of this report), {passages}, {others} (reports
 * it shares passages with), {found} and {expected} (years), {count}. */
#include "corpus.h"

#include "eval_util.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BETWEEN_UNITS, PREVIOUS_YEAR };

extern const arc_kind arc_kind_copy;

typedef struct {
    int check;
    long min_chars;
    long max_others;
    double min_share;
    char *message_year;
    char *message_numbers;
    arc_severity year_severity;
} params;

static const char *const keys[] = {"check",        "min_chars",
                                   "max_others",   "min_share",
                                   "message_year", "message_numbers",
                                   "year_severity", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    free(ps->message_year);
    free(ps->message_numbers);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    static const char *const checks[] = {"between-units", "previous-year",
                                         NULL};
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    ps->min_chars = 100;
    ps->max_others = 3;
    ps->min_share = 0.5;
    ps->year_severity = ARC_SEV_ERROR;
    int rc = arc_node_choice(cx, node, "check", checks, &ps->check);
    if (!rc)
        rc = arc_node_int(cx, node, "min_chars", 0, 20, 100000,
                          &ps->min_chars);
    if (!rc)
        rc = arc_node_int(cx, node, "max_others", 0, 1, 1000,
                          &ps->max_others);
    if (!rc)
        rc = arc_node_fraction(cx, node, "min_share", 0, &ps->min_share);
    if (!rc)
        rc = arc_node_str(cx, node, "message_year", 0, &ps->message_year);
    if (!rc)
        rc = arc_node_str(cx, node, "message_numbers", 0,
                          &ps->message_numbers);
    char *sev = NULL;
    if (!rc && !(rc = arc_node_str(cx, node, "year_severity", 0, &sev)) &&
        sev) {
        int s = arc_severity_parse(sev);
        if (s < 0)
            rc = arc_node_fail(cx, arc_node_get(node, "year_severity"),
                               "year_severity 应为 error、warning 或 info");
        else
            ps->year_severity = (arc_severity)s;
    }
    free(sev);
    if (!rc && ps->check == BETWEEN_UNITS &&
        (ps->message_year || ps->message_numbers ||
         arc_node_get(node, "min_share")))
        rc = arc_node_fail(cx, node, "check: between-units 不用 min_share、"
                                     "message_year、message_numbers");
    if (!rc && ps->check == PREVIOUS_YEAR && arc_node_get(node, "max_others"))
        rc = arc_node_fail(cx, arc_node_get(node, "max_others"),
                           "check: previous-year 不用 max_others");
    return rc;
}

/* One report compared with another: what it shares with it. */
typedef struct {
    size_t self, other;
    const arc_pair *pair;
    size_t covered;      /* kept characters of self in passages */
    size_t passages;     /* passages of at least min_chars */
    size_t longest;      /* index in pair->v of the longest */
} side;

static int cmp_side(const void *x, const void *y)
{
    const side *a = x, *b = y;
    if (a->self != b->self)
        return a->self < b->self ? -1 : 1;
    if (a->covered != b->covered)
        return a->covered > b->covered ? -1 : 1;
    return (a->other > b->other) - (a->other < b->other);
}

/* The two positions of passage ps of pair p, seen from report self. */
static void passage_pos(const arc_corpus_ctx *cx, const arc_pair *p,
                        const arc_passage *ps, size_t self,
                        arc_corpus_pos *here, arc_corpus_pos *there)
{
    int a = self == p->a;
    arc_corpus_span(cx->results[a ? p->a : p->b], a ? ps->a0 : ps->b0,
                    a ? ps->a1 : ps->b1, here);
    arc_corpus_span(cx->results[a ? p->b : p->a], a ? ps->b0 : ps->a0,
                    a ? ps->b1 : ps->a1, there);
}

/* Fills s for report self of pair p; 0 when nothing long is shared. */
static int measure(const arc_corpus_ctx *cx, const arc_pair *p, size_t self,
                   size_t min_chars, side *s)
{
    memset(s, 0, sizeof *s);
    s->self = self;
    s->other = self == p->a ? p->b : p->a;
    s->pair = p;
    for (size_t i = 0; i < p->n; i++)
        if (p->v[i].chars >= min_chars) {
            if (!s->passages++ || p->v[i].chars > p->v[s->longest].chars)
                s->longest = i;
        }
    if (!s->passages)
        return 0;
    s->covered = arc_pair_covered(cx, p, self, min_chars);
    return 1;
}

static double share_of(const arc_corpus_ctx *cx, const side *s)
{
    uint32_t kept = cx->results[s->self]->digest.kept;
    return kept ? (double)s->covered / kept : 0;
}

/* Marks every comparable report as compared (shared_max 0 so far). */
static void mark_compared(arc_corpus_ctx *cx)
{
    for (size_t i = 0; i < cx->n; i++) {
        arc_scorecard *c = &cx->results[i]->card;
        if (arc_corpus_comparable(cx->results[i]) &&
            !(c->compared & ARC_CARD_SHARED)) {
            c->compared |= ARC_CARD_SHARED;
            c->shared_max = 0;
        }
    }
}

static void note_share(arc_corpus_ctx *cx, const side *s)
{
    arc_scorecard *c = &cx->results[s->self]->card;
    double f = share_of(cx, s);
    if (f > c->shared_max)
        c->shared_max = f;
}

/* A finding at the longest passage of s, naming the other report, and
 * the passages recorded for views. */
static int report_side(arc_corpus_ctx *cx, const arc_rule *r, const side *s,
                       const char *tpl, size_t others, size_t min_chars)
{
    const arc_pair *p = s->pair;
    arc_corpus_pos here, there;
    passage_pos(cx, p, &p->v[s->longest], s->self, &here, &there);
    char chars[24], share[24], passages[24], count[24];
    snprintf(chars, sizeof chars, "%zu", s->covered);
    snprintf(share, sizeof share, "%.0f", share_of(cx, s) * 100);
    snprintf(passages, sizeof passages, "%zu", s->passages);
    snprintf(count, sizeof count, "%zu", others);
    arc_var v[] = {{"chars", chars},
                   {"share", share},
                   {"passages", passages},
                   {"others", count}};
    int rc = arc_corpus_emit_at(cx, r, r->severity, tpl, s->self, &here,
                                s->other, &there, v, ARC_ARRAY_LEN(v));
    for (size_t i = 0; !rc && i < p->n; i++) {
        if (p->v[i].chars < min_chars)
            continue;
        passage_pos(cx, p, &p->v[i], s->self, &here, &there);
        rc = arc_corpus_add_shared(cx, r, s->self, &here, s->other, &there,
                                   p->v[i].chars);
    }
    return rc;
}

static int between_units(const arc_rule *r, const params *ps,
                         arc_corpus_ctx *cx, const struct arc_corpus_pairs *P)
{
    side *v = malloc((2 * P->n + 1) * sizeof *v);
    size_t n = 0;
    if (!v)
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < P->n; i++) {
        const arc_pair *p = &P->v[i];
        if (p->type != ARC_PAIR_UNITS)
            continue;
        if (measure(cx, p, p->a, (size_t)ps->min_chars, &v[n]))
            note_share(cx, &v[n]), n++;
        if (measure(cx, p, p->b, (size_t)ps->min_chars, &v[n]))
            note_share(cx, &v[n]), n++;
    }
    qsort(v, n, sizeof *v, cmp_side);
    int rc = 0;
    for (size_t i = 0; !rc && i < n;) {
        size_t j = i + 1;
        while (j < n && v[j].self == v[i].self)
            j++;
        for (size_t k = i; !rc && k < j && k - i < (size_t)ps->max_others; k++)
            rc = report_side(cx, r, &v[k], r->message, j - i,
                             (size_t)ps->min_chars);
        i = j;
    }
    free(v);
    return rc;
}

/* The year mention of report d at kept index at, or NULL. */
static const arc_dyear *twin_year(const arc_digest *d, const arc_dyear *y)
{
    for (size_t i = 0; i < d->nyears; i++)
        if (d->years[i].ctx == y->ctx && d->years[i].year == y->year)
            return &d->years[i];
    return NULL;
}

/* Is kept index at of report self inside (or within a window of) a
 * passage of p? */
static int in_passage(const arc_corpus_ctx *cx, const arc_pair *p,
                      size_t self, uint32_t at)
{
    const arc_digest *d = &cx->results[self]->digest;
    unsigned k = cx->rs->corpus.k, w = cx->rs->corpus.window;
    int a = self == p->a;
    for (size_t i = 0; i < p->n; i++) {
        uint32_t s = d->fp[a ? p->v[i].a0 : p->v[i].b0].at;
        uint32_t e = d->fp[a ? p->v[i].a1 : p->v[i].b1].at + k;
        if (at + w >= s && at < e + w)
            return 1;
    }
    return 0;
}

static void year_pos(const arc_result *r, const arc_dyear *y,
                     arc_corpus_pos *pos)
{
    pos->line = arc_digest_line(&r->digest, y->orig);
    pos->column = y->col;
    pos->offset = y->orig;
    pos->end_offset = (size_t)y->orig + y->len;
}

/* Last year's own year left in text shared with last year's report. */
static int stale_years(const arc_rule *r, const params *ps,
                       arc_corpus_ctx *cx, const arc_pair *p, size_t cur,
                       size_t prev)
{
    const arc_result *c = cx->results[cur], *o = cx->results[prev];
    int rc = 0;
    for (size_t i = 0; !rc && ps->message_year && i < c->digest.nyears; i++) {
        const arc_dyear *y = &c->digest.years[i];
        if (y->allowed || y->year != o->card.report_year)
            continue;
        const arc_dyear *t = twin_year(&o->digest, y);
        if (!t || !in_passage(cx, p, cur, y->at))
            continue;
        arc_corpus_pos here, there;
        year_pos(c, y, &here);
        year_pos(o, t, &there);
        char found[16], expected[16];
        snprintf(found, sizeof found, "%d", y->year);
        snprintf(expected, sizeof expected, "%d", c->card.report_year);
        arc_var v[] = {{"found", found}, {"expected", expected}};
        rc = arc_corpus_emit_at(cx, r, ps->year_severity, ps->message_year,
                                cur, &here, prev, &there, v, 2);
    }
    return rc;
}

/* Numbers of last year's report reappearing in shared passages. */
static int same_numbers(const arc_rule *r, const params *ps,
                        arc_corpus_ctx *cx, const arc_pair *p, size_t cur,
                        size_t prev)
{
    size_t count = 0, first = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->v[i].chars >= (size_t)ps->min_chars && p->v[i].ndigit) {
            if (!count)
                first = i;
            count += p->v[i].ndigit;
        }
    if (!ps->message_numbers || !count)
        return 0;
    const arc_passage *x = &p->v[first];
    int a = cur == p->a;
    arc_corpus_pos here, there;
    arc_corpus_span(cx->results[cur], a ? x->dig_a : x->dig_b,
                    a ? x->dig_a : x->dig_b, &here);
    arc_corpus_span(cx->results[prev], a ? x->dig_b : x->dig_a,
                    a ? x->dig_b : x->dig_a, &there);
    char n[24];
    snprintf(n, sizeof n, "%zu", count);
    arc_var v[] = {{"count", n}};
    return arc_corpus_emit_at(cx, r, r->severity, ps->message_numbers, cur,
                              &here, prev, &there, v, 1);
}

static int previous_year(const arc_rule *r, const params *ps,
                         arc_corpus_ctx *cx, const struct arc_corpus_pairs *P)
{
    /* For each report, the earlier report of its unit sharing the most. */
    side *best = calloc(cx->n ? cx->n : 1, sizeof *best);
    if (!best)
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < P->n; i++) {
        const arc_pair *p = &P->v[i];
        if (p->type != ARC_PAIR_YEARS)
            continue;
        int a_later = cx->results[p->a]->card.report_year >
                      cx->results[p->b]->card.report_year;
        size_t cur = a_later ? p->a : p->b;
        side s, o;
        /* Passages of any length count for choosing and for stale
         * years; the share only counts long ones. */
        if (!measure(cx, p, cur, 0, &s))
            continue;
        s.covered = arc_pair_covered(cx, p, cur, (size_t)ps->min_chars);
        if (!best[cur].pair || s.covered > best[cur].covered)
            best[cur] = s;
        if (measure(cx, p, s.other, (size_t)ps->min_chars, &o))
            note_share(cx, &o);
    }
    int rc = 0;
    for (size_t i = 0; !rc && i < cx->n; i++) {
        const side *s = &best[i];
        if (!s->pair)
            continue;
        note_share(cx, s);
        side longs;
        int has_long = measure(cx, s->pair, i, (size_t)ps->min_chars, &longs);
        if (has_long && share_of(cx, &longs) >= ps->min_share)
            rc = report_side(cx, r, &longs, r->message, 1,
                             (size_t)ps->min_chars);
        if (!rc)
            rc = stale_years(r, ps, cx, s->pair, i, s->other);
        if (!rc)
            rc = same_numbers(r, ps, cx, s->pair, i, s->other);
    }
    free(best);
    return rc;
}

/* The shortest passage between units any copy rule of the set reads
 * (enabled or not: a rule run alone reads them too). */
static size_t unit_min_chars(const arc_ruleset *rs)
{
    size_t min = (size_t)-1;
    for (size_t i = 0; i < rs->nrules; i++) {
        const arc_rule *r = &rs->rules[i];
        const params *ps = r->params;
        if (r->kind == &arc_kind_copy && ps->check == BETWEEN_UNITS &&
            (size_t)ps->min_chars < min)
            min = (size_t)ps->min_chars;
    }
    return min == (size_t)-1 ? 0 : min;
}

static int corpus(const arc_rule *r, arc_corpus_ctx *cx)
{
    const params *ps = r->params;
    const struct arc_corpus_pairs *P;
    if (!cx->pairs)
        cx->unit_min_chars = unit_min_chars(cx->rs);
    int rc = arc_corpus_pairs(cx, &P);
    if (rc)
        return rc;
    mark_compared(cx);
    return ps->check == BETWEEN_UNITS ? between_units(r, ps, cx, P)
                                      : previous_year(r, ps, cx, P);
}

const arc_kind arc_kind_copy = {
    .name = "copy",
    .keys = keys,
    .parse = parse,
    .free = free_params,
    .corpus = corpus,
    .digest = ARC_DIGEST_TEXT,
};

/* plan_followup: did the unit do what it planned?  For each annual report
 * of year N, the items of its unit's earlier plan (next year's plan in
 * the unit's report for N-1, else the unit's work plan for N) are matched
 * against the paragraphs of its measures part by the meaning of the
 * words: the item's character bigrams found in a paragraph (or in two
 * adjacent ones, heading and body), each weighted by its rarity in the
 * batch (smoothed inverse document frequency, counted without the two
 * reports compared, so that a batch of two weighs every word alike):
 *
 *     score = sum of weights of the item's bigrams found / sum of all
 *
 * An item whose best paragraph scores below `threshold` is reported
 * (whole report, the item as related location) and counted in the
 * scorecard; every item goes into the report's plan follow-up table.
 * Placeholders: {item}, {other}, {other_line}, {score} (percent), {total}
 * (items of the plan). */
#include "corpus.h"

#include "eval_util.h"
#include "fingerprint.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double threshold;
} params;

static const char *const keys[] = {"threshold", NULL};

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    ps->threshold = 0.5;
    return arc_node_fraction(cx, node, "threshold", 0, &ps->threshold);
}

static int usable(const arc_result *r)
{
    const arc_digest *d = &r->digest;
    return r->status == ARC_RESULT_CHECKED && (d->have & ARC_DIGEST_PLAN) &&
           d->unit && d->unit[0] && r->card.report_year > 0;
}

static int annual(const arc_result *r)
{
    return strcmp(r->card.doc_type, "annual-report") == 0;
}

/* A plan: last year's annual report (kind 0) or a work plan (kind 1). */
typedef struct {
    const char *unit;
    int year;
    int kind;
    size_t i;
} key;

static int cmp_key(const void *x, const void *y)
{
    const key *a = x, *b = y;
    int c = strcmp(a->unit, b->unit);
    if (c)
        return c;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* The first plan of (unit, year, kind) in batch order, or ARC_NO_OTHER. */
static size_t lookup(const key *k, size_t n, const char *unit, int year,
                     int kind)
{
    key want = {unit, year, kind, 0};
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_key(&k[mid], &want) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && k[lo].year == year && k[lo].kind == kind &&
                   strcmp(k[lo].unit, unit) == 0
               ? k[lo].i
               : ARC_NO_OTHER;
}

/* The plan report i is held to: the unit's report for N-1 with plan
 * items, else its work plan for N.  k: the usable results with plan
 * items, sorted. */
static size_t plan_of(const arc_corpus_ctx *cx, const key *k, size_t n,
                      size_t i)
{
    const arc_result *c = cx->results[i];
    size_t plan = lookup(k, n, c->digest.unit, c->card.report_year - 1, 0);
    if (plan == ARC_NO_OTHER)
        plan = lookup(k, n, c->digest.unit, c->card.report_year, 1);
    return plan;
}

/* The grams of result r, each once: counted into df. */
static void count_df(const arc_digest *d, uint32_t *df, uint32_t *stamp,
                     uint32_t id)
{
    for (size_t i = 0; i < d->ngrams; i++) {
        uint16_t g = d->grams[i];
        if (stamp[g] != id) {
            stamp[g] = id;
            df[g]++;
        }
    }
}

typedef struct {
    const uint32_t *df;
    uint32_t *mark;   /* grams of the current report: mark[g] == id */
    uint32_t id;
    double n;         /* reports, the two compared left out */
    uint64_t *bits;   /* grams of the paragraphs being looked at */
} weights;

static double weight(const weights *w, uint16_t g)
{
    /* The plan holds g; the report may. */
    double df = (double)w->df[g] - 1 - (w->mark[g] == w->id ? 1 : 0);
    if (df < 0)
        df = 0;
    return log((1 + w->n) / (1 + df)) + 1;
}

static void set_bits(uint64_t *bits, const arc_digest *d, const arc_dpara *p,
                     int on)
{
    for (uint32_t k = p->g0; k < p->g1; k++) {
        uint16_t g = d->grams[k];
        if (on)
            bits[g >> 6] |= 1ULL << (g & 63);
        else
            bits[g >> 6] &= ~(1ULL << (g & 63));
    }
}

/* The weighted share of pd->grams[g0, g1) in w->bits. */
static double share(const weights *w, const arc_digest *pd, uint32_t g0,
                    uint32_t g1)
{
    double found = 0, total = 0;
    for (uint32_t k = g0; k < g1; k++) {
        uint16_t g = pd->grams[k];
        double x = weight(w, g);
        total += x;
        if (arc_bits16_has(w->bits, g))
            found += x;
    }
    return total > 0 ? found / total : 0;
}

/* For each plan item of pd, its best score against the paragraphs of cd
 * (each alone or with the next one: a heading and its body) and the
 * paragraph giving it.  An item scores with its words, or with its
 * heading's (the topic, which a report may answer in other words). */
static void best_matches(weights *w, const arc_digest *pd,
                         const arc_digest *cd, double *best, size_t *where)
{
    for (size_t k = 0; k < pd->nplan; k++) {
        best[k] = 0;
        where[k] = (size_t)-1;
    }
    for (size_t m = 0; m < cd->nmeasures; m++) {
        set_bits(w->bits, cd, &cd->measures[m], 1);
        if (m + 1 < cd->nmeasures)
            set_bits(w->bits, cd, &cd->measures[m + 1], 1);
        for (size_t k = 0; k < pd->nplan; k++) {
            const arc_ditem *it = &pd->plan[k];
            double s = share(w, pd, it->g0, it->g1);
            if (it->t1 > it->g1) {
                double t = share(w, pd, it->g1, it->t1);
                if (t > s)
                    s = t;
            }
            if (s > best[k]) {
                best[k] = s;
                where[k] = m;
            }
        }
        set_bits(w->bits, cd, &cd->measures[m], 0);
        if (m + 1 < cd->nmeasures)
            set_bits(w->bits, cd, &cd->measures[m + 1], 0);
    }
}

static int add_row(arc_result *c, const arc_rule *r, const arc_result *p,
                   const arc_ditem *it, int followed, int line, double score)
{
    arc_plan_item *v = realloc(c->plan, (c->nplan + 1) * sizeof *v);
    if (!v)
        return ARC_ENOMEM;
    c->plan = v;
    arc_plan_item *row = &v[c->nplan];
    memset(row, 0, sizeof *row);
    row->rule = arc_strdup(r->id);
    row->plan = arc_strdup(p->path);
    row->item = arc_strdup(it->text ? it->text : "");
    if (!row->rule || !row->plan || !row->item) {
        free((char *)row->rule);
        free((char *)row->plan);
        free((char *)row->item);
        return ARC_ENOMEM;
    }
    row->plan_line = (int)it->line;
    row->plan_column = it->col;
    row->plan_offset = it->orig;
    row->plan_end_offset = it->end;
    row->followed = followed;
    row->line = line;
    row->score = score;
    c->nplan++;
    return 0;
}

static int follow_up(const arc_rule *r, arc_corpus_ctx *cx, size_t i,
                     size_t pi, weights *w, size_t eligible)
{
    const params *ps = r->params;
    arc_result *c = cx->results[i];
    const arc_result *p = cx->results[pi];
    const arc_digest *cd = &c->digest, *pd = &p->digest;
    double *best = malloc(pd->nplan * sizeof *best);
    size_t *where = malloc(pd->nplan * sizeof *where);
    if (!best || !where) {
        free(best);
        free(where);
        return arc_err_nomem(cx->err);
    }
    w->id++;
    for (size_t k = 0; k < cd->ngrams; k++)
        w->mark[cd->grams[k]] = w->id;
    w->n = eligible >= 2 ? (double)(eligible - 2) : 0;
    best_matches(w, pd, cd, best, where);
    int rc = 0, missed = 0;
    char total[24];
    snprintf(total, sizeof total, "%zu", pd->nplan);
    for (size_t k = 0; !rc && k < pd->nplan; k++) {
        const arc_ditem *it = &pd->plan[k];
        int ok = best[k] >= ps->threshold;
        int line = where[k] == (size_t)-1 ? 0 : (int)cd->measures[where[k]].line;
        if (add_row(c, r, p, it, ok, line, best[k])) {
            rc = arc_err_nomem(cx->err);
            break;
        }
        if (ok)
            continue;
        missed++;
        arc_corpus_pos there = {(int)it->line, it->col, it->orig, it->end};
        char score[16];
        snprintf(score, sizeof score, "%.0f", best[k] * 100);
        arc_var v[] = {{"item", it->text ? it->text : ""},
                       {"score", score},
                       {"total", total}};
        rc = arc_corpus_emit_at(cx, r, r->severity, r->message, i, NULL, pi,
                                &there, v, ARC_ARRAY_LEN(v));
    }
    c->card.compared |= ARC_CARD_PLAN;
    c->card.plan_items = (int)pd->nplan;
    c->card.plan_not_followed = missed;
    free(best);
    free(where);
    return rc;
}

/* Is report i held to a plan (its unit's, of the year before or a work
 * plan), and which?  ARC_NO_OTHER if not. */
static size_t held_to(const arc_corpus_ctx *cx, const key *k, size_t nk,
                      size_t i)
{
    const arc_result *c = cx->results[i];
    if (c->reference || !usable(c) || !annual(c) || c->digest.work_plan ||
        !c->digest.nmeasures)
        return ARC_NO_OTHER;
    return plan_of(cx, k, nk, i);
}

static int corpus(const arc_rule *r, arc_corpus_ctx *cx)
{
    uint32_t *df = calloc(0x10000, sizeof *df);
    uint32_t *stamp = calloc(0x10000, sizeof *stamp);
    uint32_t *mark = calloc(0x10000, sizeof *mark);
    uint64_t *bits = calloc(ARC_BITS16_WORDS, sizeof *bits);
    int rc = df && stamp && mark && bits ? 0 : arc_err_nomem(cx->err);
    key *k = rc ? NULL : malloc((cx->n ? cx->n : 1) * sizeof *k);
    size_t nk = 0;
    if (!rc && !k)
        rc = arc_err_nomem(cx->err);
    for (size_t i = 0; !rc && i < cx->n; i++) {
        const arc_result *o = cx->results[i];
        if (usable(o) && o->digest.nplan &&
            (o->digest.work_plan || annual(o)))
            k[nk++] = (key){o->digest.unit, o->card.report_year,
                            o->digest.work_plan, i};
    }
    if (!rc)
        qsort(k, nk, sizeof *k, cmp_key);
    /* The words' rarity only weighs follow-ups: counted when there is
     * one (a batch of one year has none). */
    int any = 0;
    for (size_t i = 0; !rc && !any && i < cx->n; i++)
        any = held_to(cx, k, nk, i) != ARC_NO_OTHER;
    size_t eligible = 0;
    for (size_t i = 0; any && i < cx->n; i++)
        if (usable(cx->results[i]))
            count_df(&cx->results[i]->digest, df, stamp, (uint32_t)++eligible);
    weights w = {df, mark, 0, 0, bits};
    for (size_t i = 0; !rc && any && i < cx->n; i++) {
        size_t pi = held_to(cx, k, nk, i);
        if (pi != ARC_NO_OTHER)
            rc = follow_up(r, cx, i, pi, &w, eligible);
    }
    free(k);
    free(bits);
    free(df);
    free(stamp);
    free(mark);
    return rc;
}

const arc_kind arc_kind_plan_followup = {
    .name = "plan_followup",
    .keys = keys,
    .parse = parse,
    .free = free,
    .corpus = corpus,
    .digest = ARC_DIGEST_PLAN,
};

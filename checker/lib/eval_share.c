/* share: the "占X%" shares of one sentence against each other and against
 * their counts.  The `share` pattern finds a share (group `rate`; group
 * `of` when the text names what it is a share of: 占全市的, 占上年比重);
 * the `total` pattern finds, in the sentence before the first share, the
 * total the shares break down (group `total`: "办理案件200件,其中").
 *
 *  - A share above `max` (100) is wrong unless its words say it is measured
 *    against something that may be exceeded (`exempt`: 上年, 目标 …).
 *  - Shares of the total alone (no `of`) whose names have a common end or
 *    start (简易程序案件 / 普通程序案件: parts of one division, not
 *    overlapping groups such as 党员 / 女性) must not add up past max.
 *  - A share with its count ("120件,占80%") implies the total to the
 *    precision written, rounded or truncated: it must hold the stated total,
 *    or without one, the totals implied by the siblings must agree.
 * Sentences end at 。 and line ends: siblings are often split by ;. */
#include "eval_util.h"

#include "extract.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_regex *share;
    arc_regex *total;
    arc_regex *exempt;
    double max;
    char *message_over;
    char *message_sum;
    char *message_siblings;
} params;

static const char *const keys[] = {"share",       "total",
                                   "exempt",      "max",
                                   "message_over", "message_sum",
                                   "message_siblings", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    arc_regex_free(ps->share);
    arc_regex_free(ps->total);
    arc_regex_free(ps->exempt);
    free(ps->message_over);
    free(ps->message_sum);
    free(ps->message_siblings);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    long max = 100;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (!rc)
        rc = arc_node_regex_key(cx, node, "share", 1, &ps->share);
    if (!rc && arc_regex_group(ps->share, "rate") < 0)
        rc = arc_node_fail(cx, arc_node_get(node, "share"),
                           "模式缺少命名分组 (?<rate>…)");
    if (!rc)
        rc = arc_node_regex_key(cx, node, "total", 1, &ps->total);
    if (!rc && arc_regex_group(ps->total, "total") < 0)
        rc = arc_node_fail(cx, arc_node_get(node, "total"),
                           "模式缺少命名分组 (?<total>…)");
    if (!rc && arc_node_get(node, "exempt"))
        rc = arc_node_words(cx, arc_node_get(node, "exempt"), &ps->exempt);
    if (!rc)
        rc = arc_node_int(cx, node, "max", 0, 1, 1000000, &max);
    ps->max = (double)max;
    if (!rc)
        rc = arc_node_str(cx, node, "message_over", 1, &ps->message_over);
    if (!rc)
        rc = arc_node_str(cx, node, "message_sum", 1, &ps->message_sum);
    if (!rc)
        rc = arc_node_str(cx, node, "message_siblings", 1,
                          &ps->message_siblings);
    return rc;
}

#define MAX_SHARES 16

typedef struct {
    arc_num rate;
    size_t ms, me;         /* the share match */
    size_t name_s, name_e; /* the ideographs naming it */
    int of;                /* names what it is a share of */
    int has_count;
    arc_num count;
} share;

typedef struct {
    size_t start, end; /* the sentence */
    share v[MAX_SHARES];
    size_t n;
} sentence;

static int is_end(uint32_t c)
{
    return c == 0x3002 || c == '\n' || c == '!' || c == '?';
}

/* Start of the sentence holding off (at most 300 characters back). */
static size_t sentence_start(const char *t, size_t off)
{
    for (int k = 0; off > 0 && k < 300; k++) {
        if (is_end(arc_utf8_before(t, off)))
            break;
        off = arc_chars_back(t, off, 1);
    }
    return off;
}

/* The count written right before `at` ("120件," or "30件、"): the last
 * number of [from, at) ending at `at` once separators are skipped. */
static int count_before(arc_eval *ctx, size_t from, size_t at, arc_num *out)
{
    const char *t = ctx->doc->text.norm;
    size_t p = at;
    while (p > from) {
        uint32_t c = arc_utf8_before(t, p);
        if (c != ',' && c != ' ' && c != 0x3001)
            break;
        p = arc_chars_back(t, p, 1);
    }
    size_t s = arc_chars_back(t, p, 16), pos;
    if (s < from)
        s = from;
    pos = s;
    arc_num num;
    int found = 0;
    arc_matcher_work(ctx->m)->scanned += p - s;
    while (arc_num_next(t, p, &pos, &num))
        if (num.end == p) {
            *out = num;
            found = 1;
        }
    return found && !out->percent && !out->points && !out->ordinal &&
           !out->approx && out->unit_end > out->unit_start;
}

/* The ideographs before `at`, back to a separator. */
static void name_before(const char *t, size_t from, size_t at, size_t *s)
{
    size_t p = at;
    for (int k = 0; p > from && k < 16; k++) {
        if (!arc_is_han(arc_utf8_before(t, p)))
            break;
        p = arc_chars_back(t, p, 1);
    }
    *s = p;
}

/* Do all names end with the same character, or start with the same one?
 * (the parts of one division: 简易程序案件 / 普通程序案件, 行政许可 / 行政
 * 处罚).  A trailing 的 is not part of the name. */
static int siblings(const char *t, const share *v, size_t n)
{
    uint32_t first = 0, last = 0;
    int same_first = 1, same_last = 1;
    for (size_t i = 0; i < n; i++) {
        size_t s = v[i].name_s, e = v[i].name_e;
        if (e > s && arc_utf8_before(t, e) == 0x7684 /* 的 */)
            e = arc_chars_back(t, e, 1);
        if (e <= s)
            return 0;
        uint32_t f = 0, l = arc_utf8_before(t, e);
        arc_utf8_decode(t + s, e - s, &f);
        if (i == 0) {
            first = f;
            last = l;
        }
        same_first &= f == first;
        same_last &= l == last;
    }
    return same_first || same_last;
}

/* One unit of the last digit written: rounding and truncation both pass. */
static double unit(const arc_num *r)
{
    return pow(10, -r->decimals);
}

static int emit(arc_eval *ctx, const arc_rule *r, const char *msg, size_t s,
                size_t e, const arc_var *v, size_t nv)
{
    return arc_emit_as(ctx, r, r->severity, msg, -1, s, e, v, nv);
}

static int check_sentence(const arc_rule *r, arc_eval *ctx, sentence *se)
{
    const params *ps = r->params;
    const char *t = ctx->doc->text.norm;
    char a[32], b[32], c[32], d[32];
    int rc = 0;
    /* Shares above max. */
    for (size_t i = 0; !rc && i < se->n; i++) {
        share *sh = &se->v[i];
        size_t xs, xe;
        if (sh->rate.approx || sh->rate.value <= ps->max ||
            (ps->exempt && arc_eval_search(ctx, ps->exempt, sh->name_s,
                                           sh->me, &xs, &xe)))
            continue;
        arc_fmt_num(a, sizeof a, sh->rate.value);
        arc_fmt_num(b, sizeof b, ps->max);
        arc_var v[] = {{"share", a}, {"max", b}};
        rc = emit(ctx, r, ps->message_over, sh->ms, sh->me, v, 2);
        sh->of = 1; /* reported: out of the other checks */
    }
    /* The shares of the total alone. */
    share *own[MAX_SHARES];
    size_t n = 0;
    for (size_t i = 0; i < se->n; i++)
        if (!se->v[i].of && !se->v[i].rate.approx)
            own[n++] = &se->v[i];
    if (rc || !n)
        return rc;
    /* Their sum. */
    if (n >= 2) {
        share tmp[MAX_SHARES];
        double sum = 0, tol = 0;
        for (size_t i = 0; i < n; i++) {
            tmp[i] = *own[i];
            sum += own[i]->rate.value;
            tol += unit(&own[i]->rate);
        }
        if (sum > ps->max + tol && siblings(t, tmp, n)) {
            arc_fmt_num(a, sizeof a, sum);
            arc_fmt_num(b, sizeof b, ps->max);
            arc_var v[] = {{"sum", a}, {"max", b}};
            return emit(ctx, r, ps->message_sum, own[0]->name_s,
                        own[n - 1]->me, v, 2);
        }
    }
    /* Counts against the stated total, or against each other. */
    size_t ts, te, ms, me;
    arc_num total;
    int have_total =
        arc_eval_search(ctx, ps->total, se->start, own[0]->ms, &ms,
                        &me) &&
        arc_matcher_group(ctx->m, arc_regex_group(ps->total, "total"), &ts,
                          &te) &&
        arc_num_at(t, ctx->doc->text.norm_len, ts, &total) && !total.approx &&
        total.value > 0;
    double lo = 0, hi = HUGE_VAL;
    const share *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const share *sh = own[i];
        if (!sh->has_count)
            continue;
        if (have_total && !arc_num_unit_is(&sh->count, t,
                                           t + total.unit_start,
                                           total.unit_end - total.unit_start))
            continue;
        if (first && !arc_num_unit_is(&sh->count, t,
                                      t + first->count.unit_start,
                                      first->count.unit_end -
                                          first->count.unit_start))
            continue;
        /* The totals this count and share allow. */
        double u = unit(&sh->rate), r1 = sh->rate.value + u,
               r0 = sh->rate.value - u;
        double b0 = sh->count.value * 100 / r1,
               b1 = r0 > 0 ? sh->count.value * 100 / r0 : HUGE_VAL;
        if (have_total) {
            if (total.value >= b0 - 1e-9 && total.value <= b1 + 1e-9)
                continue;
            char shown[32];
            snprintf(shown, sizeof shown, "%.*f", sh->rate.decimals,
                     sh->count.value / total.value * 100);
            arc_fmt_num(a, sizeof a, sh->rate.value);
            arc_fmt_num(b, sizeof b, sh->count.value);
            arc_fmt_num(c, sizeof c, total.value);
            arc_fmt_num(d, sizeof d, atof(shown));
            arc_var v[] = {{"share", a}, {"count", b}, {"total", c},
                           {"computed", d}};
            rc = emit(ctx, r, r->message, sh->ms, sh->me, v, 4);
            if (rc)
                return rc;
            continue;
        }
        if (!first) {
            first = sh;
            lo = b0;
            hi = b1;
            continue;
        }
        if (b0 > hi + 1e-9 || b1 < lo - 1e-9) {
            /* No one total gives both: this one disagrees with those
             * before it. */
            arc_fmt_num(a, sizeof a, sh->count.value);
            arc_fmt_num(b, sizeof b, sh->rate.value);
            arc_fmt_num(c, sizeof c, first->count.value);
            arc_fmt_num(d, sizeof d, first->rate.value);
            arc_var v[] = {{"count", a}, {"share", b}, {"count0", c},
                           {"share0", d}};
            return emit(ctx, r, ps->message_siblings, sh->ms, sh->me, v, 4);
        }
        lo = b0 > lo ? b0 : lo;
        hi = b1 < hi ? b1 : hi;
    }
    return 0;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len, pos = 0, ms, me;
    int grate = arc_regex_group(ps->share, "rate"),
        gof = arc_regex_group(ps->share, "of");
    sentence se;
    se.n = 0;
    se.start = se.end = 0;
    while (arc_eval_search(ctx, ps->share, pos, len, &ms, &me)) {
        pos = me > ms ? me : arc_next_char(ctx, ms);
        size_t rs, re, os, oe;
        share sh;
        memset(&sh, 0, sizeof sh);
        if (!arc_matcher_group(ctx->m, grate, &rs, &re) ||
            !arc_num_at(t, len, rs, &sh.rate) || !sh.rate.percent)
            continue;
        sh.ms = ms;
        sh.me = me;
        sh.of = gof >= 0 && arc_matcher_group(ctx->m, gof, &os, &oe) &&
                oe > os;
        if (se.n && ms >= se.end) {
            int rc = check_sentence(r, ctx, &se);
            if (rc)
                return rc;
            se.n = 0;
        }
        if (!se.n) {
            se.start = sentence_start(t, ms);
            size_t e = me;
            while (e < len && !is_end((unsigned char)t[e]) &&
                   memcmp(t + e, "\xE3\x80\x82", 3) != 0)
                e++;
            se.end = e;
            arc_matcher_work(ctx->m)->scanned += e - se.start;
        }
        size_t from = se.n ? se.v[se.n - 1].me : se.start;
        sh.has_count = count_before(ctx, from, ms, &sh.count);
        name_before(t, from, sh.has_count ? sh.count.start : ms, &sh.name_s);
        sh.name_e = sh.has_count ? sh.count.start : ms;
        if (se.n < MAX_SHARES)
            se.v[se.n++] = sh;
    }
    return se.n ? check_sentence(r, ctx, &se) : 0;
}

const arc_kind arc_kind_share = {
    .name = "share",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

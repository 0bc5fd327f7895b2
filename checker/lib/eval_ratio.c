/* ratio: a stated rate against its explicit counts (check: mismatch, groups
 * `num`, `den`, `rate`) - it must equal num/den to the precision written,
 * rounded or truncated - or a rate that cannot exceed `max` (check: range,
 * group `rate`). */
#include "eval_util.h"

#include "extract.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_regexes patterns;
    int range;
    double max;
    arc_regex *trigger; /* a rare, cheap anchor every match contains */
    long before, after; /* characters searched around a trigger */
} params;

static const char *const keys[] = {"check",   "patterns", "max",
                                   "trigger", "before",   "after", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    arc_regexes_free(&ps->patterns);
    arc_regex_free(ps->trigger);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    static const char *const checks[] = {"mismatch", "range", NULL};
    params *ps;
    long max = 100;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (rc)
        return rc;
    rc = arc_node_choice(cx, node, "check", checks, &ps->range);
    if (!rc)
        rc = arc_node_int(cx, node, "max", 0, 1, 1000000, &max);
    ps->max = (double)max;
    if (!rc)
        rc = arc_regexes_load(&ps->patterns, cx, node, "patterns", 1);
    ps->before = 80;
    ps->after = 20;
    if (!rc)
        rc = arc_node_regex_key(cx, node, "trigger", 0, &ps->trigger);
    if (!rc)
        rc = arc_node_int(cx, node, "before", 0, 0, 1000, &ps->before);
    if (!rc)
        rc = arc_node_int(cx, node, "after", 0, 0, 1000, &ps->after);
    const char *need[] = {"rate", "num", "den"};
    for (size_t i = 0; !rc && i < ps->patterns.n; i++)
        for (size_t g = 0; g < (ps->range ? 1u : 3u); g++)
            if (arc_regex_group(ps->patterns.v[i], need[g]) < 0)
                rc = arc_node_fail(cx, arc_node_get(node, "patterns"),
                                   "第 %zu 个模式缺少命名分组 (?<%s>…)", i + 1,
                                   need[g]);
    return rc;
}

static int num_group(arc_eval *ctx, const arc_regex *re, const char *name,
                     arc_num *out)
{
    size_t s, e;
    return arc_matcher_group(ctx->m, arc_regex_group(re, name), &s, &e) &&
           arc_num_at(ctx->doc->text.norm, ctx->doc->text.norm_len, s, out) &&
           !out->approx;
}

/* Checks the matches of re in [from, to). */
static int check_span(const arc_rule *r, arc_eval *ctx, const arc_regex *re,
                      size_t from, size_t to)
{
    const params *ps = r->params;
    size_t pos = from, ms, me;
    while (arc_eval_search(ctx, re, pos, to, &ms, &me)) {
        pos = me > ms ? me : arc_next_char(ctx, ms);
        arc_num rate, num, den;
        if (!num_group(ctx, re, "rate", &rate))
            continue;
        char rs[32], cs[32];
        int rc = 0;
        if (ps->range) {
            if (rate.value > ps->max) {
                arc_fmt_num(rs, sizeof rs, rate.value);
                char mx[32];
                arc_fmt_num(mx, sizeof mx, ps->max);
                arc_var v[] = {{"rate", rs}, {"max", mx}};
                rc = arc_emit(ctx, r, -1, rate.start, rate.end, v, 2);
            }
        } else if (num_group(ctx, re, "num", &num) &&
                   num_group(ctx, re, "den", &den) && den.value > 0) {
            double c = num.value / den.value * 100;
            /* Within one unit of the last digit written: accepts both
             * rounding and truncation. */
            double unit = pow(10, -rate.decimals);
            if (fabs(c - rate.value) >= unit - 1e-9) {
                char shown[32], nn[32], dd[32];
                arc_fmt_num(rs, sizeof rs, rate.value);
                snprintf(shown, sizeof shown, "%.*f", rate.decimals, c);
                arc_fmt_num(cs, sizeof cs, atof(shown));
                arc_fmt_num(nn, sizeof nn, num.value);
                arc_fmt_num(dd, sizeof dd, den.value);
                arc_var v[] = {{"rate", rs}, {"computed", cs}, {"num", nn},
                               {"den", dd}};
                rc = arc_emit(ctx, r, -1, ms, me, v, 4);
            }
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Moves off back (not past floor) or forward by n characters. */
static size_t chars_before(const char *t, size_t floor, size_t off, long n)
{
    while (off > floor && n > 0) {
        off--;
        if (((unsigned char)t[off] & 0xC0) != 0x80)
            n--;
    }
    return off;
}

static size_t chars_after(const char *t, size_t len, size_t off, long n)
{
    while (off < len && n >= 0) {
        off++;
        if (off == len || ((unsigned char)t[off] & 0xC0) != 0x80)
            n--;
    }
    return off;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len;
    for (size_t i = 0; i < ps->patterns.n; i++) {
        const arc_regex *re = ps->patterns.v[i];
        if (!ps->trigger) {
            int rc = check_span(r, ctx, re, 0, len);
            if (rc)
                return rc;
            continue;
        }
        /* Only around the trigger: a long pattern tried at every number of
         * a report costs more than finding the rare word it needs. */
        size_t pos = 0, done = 0, ts, te;
        while (arc_eval_search(ctx, ps->trigger, pos, len, &ts, &te)) {
            pos = te > ts ? te : arc_next_char(ctx, ts);
            /* The text before `done` was checked with the previous
             * trigger: dense triggers do not walk back over it again. */
            size_t from = chars_before(t, done, ts, ps->before);
            size_t to = chars_after(t, len, te, ps->after);
            if (from < done)
                from = done;
            int rc = check_span(r, ctx, re, from, to);
            if (rc)
                return rc;
            done = to;
        }
    }
    return 0;
}

const arc_kind arc_kind_ratio = {
    .name = "ratio",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

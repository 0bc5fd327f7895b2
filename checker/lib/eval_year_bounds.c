/* year_bounds: years the document writes in given phrases must lie in a
 * range around its year N (a fact: the title's year for a work plan).
 * Each pattern has a group `year` and the offsets `min` and `max` (from
 * N; default 0 and 0): "2025年底前完成" in a plan for 2026 is below N, a
 * sign the task was copied from last year's plan.  Only the text after
 * the title is searched: a 印发通知 before it has its own, later date. */
#include "eval_util.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    arc_regex *re;
    int year;   /* group number of `year` */
    long min, max;
} bound;

typedef struct {
    bound *v;
    size_t n;
} params;

static const char *const keys[] = {"patterns", NULL};
static const char *const pattern_keys[] = {"match", "min", "max", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++)
        arc_regex_free(ps->v[i].re);
    free(ps->v);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    const arc_node *pats = arc_node_get(node, "patterns");
    if (!pats || pats->type != ARC_NODE_SEQ || !pats->n)
        return arc_node_fail(cx, pats ? pats : node,
                             "patterns 应为非空列表（match, min, max）");
    if (!(ps->v = calloc(pats->n, sizeof *ps->v)))
        return arc_err_nomem(cx->err);
    int rc = 0;
    for (size_t i = 0; i < pats->n && !rc; i++) {
        const arc_node *p = pats->items[i];
        bound *b = &ps->v[i];
        rc = arc_node_keys(cx, p, pattern_keys, NULL);
        if (!rc)
            rc = arc_node_regex_key(cx, p, "match", 1, &b->re);
        ps->n = i + 1;
        if (!rc)
            rc = arc_node_int(cx, p, "min", 0, -50, 50, &b->min);
        if (!rc)
            rc = arc_node_int(cx, p, "max", 0, -50, 50, &b->max);
        if (!rc && b->min > b->max)
            rc = arc_node_fail(cx, p, "min 不能大于 max");
        if (!rc && (b->year = arc_regex_group(b->re, "year")) < 0)
            rc = arc_node_fail(cx, arc_node_get(p, "match"),
                               "match 需要命名组 year");
    }
    return rc;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    int n = ctx->facts->year;
    if (!n)
        return 0;
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len;
    for (size_t i = 0; i < ps->n; i++) {
        const bound *b = &ps->v[i];
        size_t pos = ctx->facts->body_start, ms, me;
        while (arc_eval_search(ctx, b->re, pos, len, &ms, &me)) {
            pos = me > ms ? me : arc_next_char(ctx, ms);
            size_t ys, ye;
            if (!arc_matcher_group(ctx->m, b->year, &ys, &ye) || ye - ys != 4)
                continue;
            int y = (t[ys] - '0') * 1000 + (t[ys + 1] - '0') * 100 +
                    (t[ys + 2] - '0') * 10 + (t[ys + 3] - '0');
            if (y >= n + b->min && y <= n + b->max)
                continue;
            char found[16], expected[32];
            snprintf(found, sizeof found, "%d", y);
            if (b->min == b->max)
                snprintf(expected, sizeof expected, "%ld", n + b->min);
            else
                snprintf(expected, sizeof expected, "%ld—%ld", n + b->min,
                         n + b->max);
            arc_var v[] = {{"found", found}, {"expected", expected}};
            int rc = arc_emit(ctx, r, -1, ms, me, v, 2);
            if (rc)
                return rc;
        }
    }
    return 0;
}

const arc_kind arc_kind_year_bounds = {
    .name = "year_bounds",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

/* plan_period: a plan named with its period (《法治政府建设实施纲要(2021—2025年)》)
 * whose period is not one the plan has.  The plans and their known periods
 * are data: each plan has a pattern `before` that must end where the period
 * starts (the plan's name and the bracket), or `after` that must start
 * where it ends, and `periods` ("2021-2025").  Periods are the year ranges
 * of the date scanner (any dash, 年 on one or both sides, or none). */
#include "eval_util.h"

#include "extract.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    arc_regex *before, *after;
    int (*period)[2];
    size_t nperiods;
} plan;

typedef struct {
    plan *v;
    size_t n;
    long window; /* characters before a period searched for a name */
    /* The `before` patterns as one alternation, plan i's branch ending in
     * an empty group arcplan<i>: one search per period, not one per plan. */
    arc_regex *before;
    int *group; /* per plan: its group in `before`, or -1 */
} params;

static const char *const keys[] = {"plans", "window", NULL};
static const char *const plan_keys[] = {"name", "before", "after", "periods",
                                        NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->v[i].name);
        arc_regex_free(ps->v[i].before);
        arc_regex_free(ps->v[i].after);
        free(ps->v[i].period);
    }
    free(ps->v);
    arc_regex_free(ps->before);
    free(ps->group);
    free(ps);
}

/* Joins the plans' `before` patterns into ps->before. */
static int join_before(params *ps, const arc_node *plans,
                       const arc_load_ctx *cx)
{
    arc_buf b = {0};
    int rc = arc_buf_puts(&b, "(?J)");
    for (size_t i = 0; !rc && i < ps->n; i++) {
        const arc_node *bn = arc_node_get(plans->items[i], "before");
        if (!bn)
            continue;
        rc = arc_buf_printf(&b, "%s(?:%s)(?<arcplan%zu>)",
                            b.len > 4 ? "|" : "", bn->value, i);
    }
    if (!(ps->group = calloc(ps->n, sizeof *ps->group)))
        rc = ARC_ENOMEM;
    char msg[256] = "";
    size_t off;
    if (!rc && b.len > 4)
        rc = arc_regex_compile(&ps->before, b.data, b.len, msg, sizeof msg,
                               &off);
    for (size_t i = 0; !rc && i < ps->n; i++) {
        char name[32];
        snprintf(name, sizeof name, "arcplan%zu", i);
        ps->group[i] = ps->before ? arc_regex_group(ps->before, name) : -1;
    }
    arc_buf_free(&b);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(cx->err);
    if (rc)
        return arc_node_fail(cx, plans, "before 模式无法合并：%s", msg);
    return 0;
}

static int parse_plan(plan *pl, const arc_node *n, const arc_load_ctx *cx)
{
    char **per = NULL;
    size_t k = 0;
    int rc = arc_node_keys(cx, n, plan_keys, NULL);
    if (!rc)
        rc = arc_node_str(cx, n, "name", 1, &pl->name);
    if (!rc)
        rc = arc_node_regex_key(cx, n, "before", 0, &pl->before);
    if (!rc)
        rc = arc_node_regex_key(cx, n, "after", 0, &pl->after);
    if (!rc && !pl->before && !pl->after)
        rc = arc_node_fail(cx, n, "计划“%s”需要 before 或 after 模式",
                           pl->name);
    if (!rc)
        rc = arc_node_strs(cx, n, "periods", 1, &per, &k);
    if (!rc && !k)
        rc = arc_node_fail(cx, arc_node_get(n, "periods"), "periods 不能为空");
    if (!rc && !(pl->period = calloc(k, sizeof *pl->period)))
        rc = arc_err_nomem(cx->err);
    for (size_t i = 0; !rc && i < k; i++) {
        int a, b;
        char tail;
        if (sscanf(per[i], "%d-%d%c", &a, &b, &tail) != 2 || a < 1900 ||
            b <= a || b > 2200)
            rc = arc_node_fail(cx, arc_node_item(arc_node_get(n, "periods"), i),
                               "规划期应写作“起始年-结束年”，如 2021-2025");
        else {
            pl->period[i][0] = a;
            pl->period[i][1] = b;
            pl->nperiods = i + 1;
        }
    }
    arc_strs_free(per, k);
    return rc;
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    const arc_node *plans = arc_node_get(node, "plans");
    if (!plans || plans->type != ARC_NODE_SEQ || !plans->n)
        return arc_node_fail(cx, plans ? plans : node,
                             "plans 应为非空列表（name, before/after, "
                             "periods）");
    if (!(ps->v = calloc(plans->n, sizeof *ps->v)))
        return arc_err_nomem(cx->err);
    int rc = 0;
    for (size_t i = 0; !rc && i < plans->n; i++) {
        ps->n = i + 1;
        rc = parse_plan(&ps->v[i], plans->items[i], cx);
    }
    ps->window = 40;
    if (!rc)
        rc = arc_node_int(cx, node, "window", 0, 1, 200, &ps->window);
    if (!rc)
        rc = join_before(ps, plans, cx);
    return rc;
}

/* Does re match ending exactly at `at`, starting no earlier than from? */
static int ends_at(arc_eval *ctx, const arc_regex *re, size_t from, size_t at,
                   size_t *ms)
{
    size_t s, e, pos = from;
    while (arc_eval_search(ctx, re, pos, at, &s, &e)) {
        if (e == at) {
            *ms = s;
            return 1;
        }
        pos = arc_next_char(ctx, s);
    }
    return 0;
}

static int report(const arc_rule *r, arc_eval *ctx, const plan *pl,
                  const arc_date *d, size_t s, size_t e)
{
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len;
    for (size_t k = 0; k < pl->nperiods; k++)
        if (pl->period[k][0] == d->year && pl->period[k][1] == d->year2)
            return 0;
    /* The closing bracket (and title mark) belong to the evidence. */
    if (e < len && t[e] == ')')
        e++;
    if (e + 3 <= len && memcmp(t + e, "\xE3\x80\x8B", 3) == 0) /* 》 */
        e += 3;
    char found[32], known[256];
    snprintf(found, sizeof found, "%d—%d年", d->year, d->year2);
    size_t n = 0;
    known[0] = '\0';
    for (size_t k = 0; k < pl->nperiods && n + 24 < sizeof known; k++)
        n += (size_t)snprintf(known + n, sizeof known - n, "%s%d—%d年",
                              k ? "、" : "", pl->period[k][0],
                              pl->period[k][1]);
    arc_var v[] = {{"plan", pl->name}, {"found", found}, {"known", known}};
    return arc_emit(ctx, r, -1, s, e, v, 3);
}

static int check_range(const arc_rule *r, arc_eval *ctx, const arc_date *d)
{
    const params *ps = r->params;
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len, ms, me, gs, ge;
    if (ps->before &&
        ends_at(ctx, ps->before, arc_chars_back(t, d->start, ps->window),
                d->start, &ms))
        for (size_t i = 0; i < ps->n; i++)
            if (ps->group[i] >= 0 &&
                arc_matcher_group(ctx->m, ps->group[i], &gs, &ge))
                return report(r, ctx, &ps->v[i], d, ms, d->end);
    for (size_t i = 0; i < ps->n; i++)
        if (ps->v[i].after &&
            arc_regex_search(ps->v[i].after, ctx->m, t, len, d->end, 1, &ms,
                             &me) > 0)
            return report(r, ctx, &ps->v[i], d, d->start, me);
    return 0;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const arc_date *dates;
    size_t n;
    int rc = arc_eval_dates(ctx, &dates, &n);
    for (size_t i = 0; !rc && i < n; i++)
        if (dates[i].kind == ARC_DATE_RANGE)
            rc = check_range(r, ctx, &dates[i]);
    return rc;
}

const arc_kind arc_kind_plan_period = {
    .name = "plan_period",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

/* part_requires: a part, where present, must contain one of some words
 * (e.g. the shortcomings part must address causes). */
#include "eval_util.h"

#include "util.h"

#include <stdlib.h>

typedef struct {
    int part;
    arc_regex *any;
} params;

static const char *const keys[] = {"part", "any", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (ps)
        arc_regex_free(ps->any);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    int rc = arc_rule_part_key(cx, node, "part", 1, rs, &ps->part);
    if (rc)
        return rc;
    const arc_node *any = arc_node_get(node, "any");
    if (!any)
        return arc_node_fail(cx, node, "缺少必需的键“any”");
    return arc_node_words(cx, any, &ps->any);
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_part_hit *h = &ctx->parts[ps->part];
    size_t ms, me;
    if (h->status == ARC_PART_MISSING ||
        arc_eval_search(ctx, ps->any, h->start, h->end, &ms, &me))
        return 0;
    return arc_emit(ctx, r, ps->part, h->at, h->at_end, NULL, 0);
}

const arc_kind arc_kind_part_requires = {
    .name = "part_requires",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

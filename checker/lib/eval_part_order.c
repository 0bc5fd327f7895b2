/* part_order: parts listed in `order` must appear in that order (parts not
 * listed, e.g. first_responsible, may stand anywhere). */
#include "eval_util.h"

#include "util.h"

#include <stdlib.h>

typedef struct {
    int *parts;
    size_t n;
} params;

static const char *const keys[] = {"order", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (ps)
        free(ps->parts);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    params *ps;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (!rc)
        rc = arc_node_parts(cx, node, "order", rs, 2, &ps->parts, &ps->n);
    return rc;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    int prev = -1;
    for (size_t i = 0; i < ps->n; i++) {
        const arc_part_hit *h = &ctx->parts[ps->parts[i]];
        if (h->status == ARC_PART_MISSING)
            continue;
        if (prev >= 0 && h->at < ctx->parts[prev].at) {
            arc_var v[] = {{"before", ctx->rs->parts[prev].name}};
            int rc = arc_emit(ctx, r, ps->parts[i], h->at, h->at_end, v, 1);
            if (rc)
                return rc;
            continue; /* keep comparing with the later part */
        }
        prev = ps->parts[i];
    }
    return 0;
}

const arc_kind arc_kind_part_order = {
    .name = "part_order",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

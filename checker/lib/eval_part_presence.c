/* part_presence: a required part has no heading of its own, either because
 * it is absent (report: missing) or only mentioned in prose (report: prose). */
#include "eval_util.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_part_status status; /* the status this rule reports */
    int *parts;
    size_t n;
} params;

static const char *const keys[] = {"report", "parts", NULL};

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
    static const char *const reports[] = {"missing", "prose", NULL};
    params *ps;
    int report = 0;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (!rc)
        rc = arc_node_choice(cx, node, "report", reports, &report);
    if (rc)
        return rc;
    ps->status = report == 0 ? ARC_PART_MISSING : ARC_PART_PROSE;
    return arc_node_parts(cx, node, "parts", rs, 0, &ps->parts, &ps->n);
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    for (size_t i = 0; i < ps->n; i++) {
        const arc_part_hit *h = &ctx->parts[ps->parts[i]];
        if (h->status != ps->status)
            continue;
        int rc = h->status == ARC_PART_MISSING
                     ? arc_emit(ctx, r, ps->parts[i], ARC_WHOLE_DOC,
                                ARC_WHOLE_DOC, NULL, 0)
                     : arc_emit(ctx, r, ps->parts[i], h->at, h->at_end, NULL,
                                0);
        if (rc)
            return rc;
    }
    return 0;
}

const arc_kind arc_kind_part_presence = {
    .name = "part_presence",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

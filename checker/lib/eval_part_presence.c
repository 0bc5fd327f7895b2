/* part_presence: a required part has no heading of its own, either because
 * it is absent (report: missing) or only mentioned in prose (report: prose). */
#include "eval.h"

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
    params *ps = calloc(1, sizeof *ps);
    if (!ps)
        return arc_err_nomem(cx->err);
    r->params = ps;
    char *report = NULL;
    int rc = arc_node_str(cx, node, "report", 1, &report);
    if (rc)
        return rc;
    if (strcmp(report, "missing") == 0)
        ps->status = ARC_PART_MISSING;
    else if (strcmp(report, "prose") == 0)
        ps->status = ARC_PART_PROSE;
    else
        rc = arc_node_fail(cx, arc_node_get(node, "report"),
                           "report 应为 missing 或 prose");
    free(report);
    if (rc)
        return rc;
    char **ids;
    size_t n;
    if ((rc = arc_node_strs(cx, node, "parts", 1, &ids, &n)))
        return rc;
    if (!(ps->parts = calloc(n ? n : 1, sizeof *ps->parts)))
        rc = arc_err_nomem(cx->err);
    for (size_t i = 0; !rc && i < n; i++) {
        ps->parts[i] = arc_ruleset_part(rs, ids[i]);
        if (ps->parts[i] < 0)
            rc = arc_node_fail(cx, arc_node_item(arc_node_get(node, "parts"), i),
                               "“%s”不是 parts 中定义的部分", ids[i]);
        ps->n = i + 1;
    }
    arc_strs_free(ids, n);
    return rc;
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

const arc_kind arc_kind_part_presence = {"part_presence", keys, parse, eval,
                                         free_params};

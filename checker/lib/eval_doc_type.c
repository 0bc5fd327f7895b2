/* doc_type: reports, once, a document whose type (a fact, recognised with
 * the rule set's `document: types`) is not the type the rule set checks,
 * and stops the rules after it.  A document of a type one of the set's
 * profiles checks never reaches it (run.c hands it to that profile); a
 * profile the user forced is never questioned. */
#include "eval.h"

#include "util.h"

#include <string.h>

static const char *const keys[] = {"types", NULL};

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)r;
    (void)rs;
    const arc_node *types = arc_node_get(node, "types");
    if (types)
        return arc_node_fail(cx, types,
                             "文件类型的识别已移到 document: types（见 "
                             "rules/README.md）；doc_type 规则只报告识别结果");
    return 0;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const arc_facts *f = ctx->facts;
    if (ctx->forced || f->type < 0 ||
        strcmp(f->type_id, ctx->rs->profile) == 0)
        return 0;
    arc_var v[] = {{"found", f->type_name}};
    ctx->halt = 1;
    return arc_emit(ctx, r, -1, f->type_at, f->type_end, v, 1);
}

const arc_kind arc_kind_doc_type = {
    .name = "doc_type",
    .keys = keys,
    .parse = parse,
    .eval = eval,
};

/* doc_type: recognises other document types (工作要点, 信息公开年度报告 …) by
 * their title, reports once and stops the rules after it. */
#include "eval.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    char *id; /* scorecard doc type: work-plan, other */
    arc_regex *title;
} doc_type;

typedef struct {
    doc_type *v;
    size_t n;
} params;

static const char *const keys[] = {"types", NULL};
static const char *const type_keys[] = {"name", "id", "title", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->v[i].name);
        free(ps->v[i].id);
        arc_regex_free(ps->v[i].title);
    }
    free(ps->v);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    const arc_node *types = arc_node_get(node, "types");
    if (!types || types->type != ARC_NODE_SEQ || !types->n)
        return arc_node_fail(cx, types ? types : node,
                             "types 应为非空列表（name, title）");
    params *ps = calloc(1, sizeof *ps);
    if (!ps || !(ps->v = calloc(types->n, sizeof *ps->v))) {
        free(ps);
        return arc_err_nomem(cx->err);
    }
    r->params = ps;
    for (size_t i = 0; i < types->n; i++) {
        const arc_node *t = types->items[i];
        int rc = arc_node_keys(cx, t, type_keys, NULL);
        ps->n = i + 1;
        if (!rc)
            rc = arc_node_str(cx, t, "name", 1, &ps->v[i].name);
        if (!rc)
            rc = arc_node_str(cx, t, "id", 0, &ps->v[i].id);
        if (!rc && !ps->v[i].id && !(ps->v[i].id = arc_strdup("other")))
            rc = arc_err_nomem(cx->err);
        if (!rc)
            rc = arc_node_regex_key(cx, t, "title", 1, &ps->v[i].title);
        if (rc)
            return rc;
    }
    return 0;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_facts *doc = ctx->facts;
    if (!doc->title[0])
        return 0;
    for (size_t i = 0; i < ps->n; i++) {
        size_t ms, me;
        if (!arc_eval_regex(ctx, ps->v[i].title, doc->title,
                            strlen(doc->title), 0, 0, doc->title_start, &ms,
                            &me))
            continue;
        arc_var v[] = {{"found", ps->v[i].name}};
        ctx->halt = 1;
        ctx->doc_type = ps->v[i].id;
        return arc_emit(ctx, r, -1, doc->title_start, doc->title_end, v, 1);
    }
    return 0;
}

const arc_kind arc_kind_doc_type = {
    .name = "doc_type",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

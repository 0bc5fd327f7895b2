#include "eval_util.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int arc_regexes_load(arc_regexes *out, const arc_load_ctx *cx,
                     const arc_node *node, const char *key, int required)
{
    memset(out, 0, sizeof *out);
    const arc_node *n = arc_node_get(node, key);
    if (!n)
        return required ? arc_node_fail(cx, node, "缺少必需的键“%s”", key)
                        : 0;
    const arc_node *const *items = (const arc_node *const *)&n;
    size_t k = 1;
    if (n->type == ARC_NODE_SEQ) {
        items = (const arc_node *const *)n->items;
        k = n->n;
    }
    if (k == 0)
        return arc_node_fail(cx, n, "“%s”不能为空", key);
    if (!(out->v = calloc(k, sizeof *out->v)))
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < k; i++) {
        int rc = arc_node_regex(cx, items[i], &out->v[i]);
        if (rc)
            return rc;
        out->n = i + 1;
    }
    return 0;
}

void arc_regexes_free(arc_regexes *r)
{
    for (size_t i = 0; i < r->n; i++)
        arc_regex_free(r->v[i]);
    free(r->v);
    r->v = NULL;
    r->n = 0;
}

int arc_regexes_match_at(const arc_regexes *r, arc_eval *ctx, size_t at,
                         size_t end)
{
    size_t ms, me;
    for (size_t i = 0; i < r->n; i++)
        if (arc_regex_search(r->v[i], ctx->m, ctx->doc->text.norm, end, at, 1,
                             &ms, &me) > 0)
            return 1;
    return 0;
}

void arc_fmt_num(char *out, size_t size, double v)
{
    snprintf(out, size, "%.4f", v);
    char *dot = strchr(out, '.');
    if (!dot)
        return;
    char *e = out + strlen(out);
    while (e > dot + 1 && e[-1] == '0')
        *--e = '\0';
    if (e == dot + 1)
        *dot = '\0';
}

#include "eval_util.h"

#include "util.h"

#include <stdint.h>
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

arc_found *arc_found_new(const arc_regexes *r)
{
    arc_found *f = malloc((r->n ? r->n : 1) * sizeof *f);
    for (size_t i = 0; f && i < r->n; i++)
        f[i].from = SIZE_MAX;
    return f;
}

void arc_regexes_advance(const arc_regexes *r, arc_eval *ctx,
                         arc_found *found, size_t pos, size_t end)
{
    for (size_t i = 0; i < r->n; i++) {
        arc_found *f = &found[i];
        /* A match found from an earlier position that starts at or after
         * pos is what a search from pos finds: PCRE2 tries the start
         * positions in order. */
        if (f->from != SIZE_MAX && f->from <= pos &&
            (f->ms == SIZE_MAX || f->ms >= pos))
            continue;
        f->from = pos;
        if (!arc_eval_search(ctx, r->v[i], pos, end, &f->ms, &f->me))
            f->ms = SIZE_MAX;
    }
}

int arc_regexes_match_at(const arc_regexes *r, arc_eval *ctx, size_t at,
                         size_t end)
{
    size_t ms, me;
    for (size_t i = 0; i < r->n; i++)
        if (arc_eval_regex(ctx, r->v[i], ctx->doc->text.norm, end, at, 1, at,
                           &ms, &me))
            return 1;
    return 0;
}

int arc_params_new(arc_rule *r, size_t size, const arc_load_ctx *cx,
                   void **out)
{
    if (!(*out = r->params = calloc(1, size)))
        return arc_err_nomem(cx->err);
    return 0;
}

int arc_node_choice(const arc_load_ctx *cx, const arc_node *node,
                    const char *key, const char *const *choices, int *out)
{
    char *v = NULL;
    int rc = arc_node_str(cx, node, key, 1, &v);
    if (rc)
        return rc;
    size_t n = 0;
    while (choices[n])
        n++;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v, choices[i]) == 0) {
            *out = (int)i;
            free(v);
            return 0;
        }
    free(v);
    arc_buf b = {0};
    for (size_t i = 0; i < n; i++)
        arc_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " 或 " : "、",
                       choices[i]);
    rc = arc_node_fail(cx, arc_node_get(node, key), "%s 应为 %s", key,
                       b.data ? b.data : "");
    arc_buf_free(&b);
    return rc;
}

int arc_node_parts(const arc_load_ctx *cx, const arc_node *node,
                   const char *key, const arc_ruleset *rs, size_t min,
                   int **out, size_t *n)
{
    char **ids;
    size_t k;
    *out = NULL;
    *n = 0;
    int rc = arc_node_strs(cx, node, key, 1, &ids, &k);
    if (rc)
        return rc;
    if (k < min)
        rc = arc_node_fail(cx, arc_node_get(node, key), "%s 至少需要%s个部分",
                           key, min == 2 ? "两" : "一");
    if (!rc && !(*out = calloc(k ? k : 1, sizeof **out)))
        rc = arc_err_nomem(cx->err);
    for (size_t i = 0; !rc && i < k; i++) {
        (*out)[i] = arc_ruleset_part(rs, ids[i]);
        if ((*out)[i] < 0)
            rc = arc_node_fail(cx, arc_node_item(arc_node_get(node, key), i),
                               "“%s”不是 parts 中定义的部分", ids[i]);
        *n = i + 1;
    }
    arc_strs_free(ids, k);
    return rc;
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

#include "node.h"


#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int arc_node_fail(const arc_load_ctx *cx, const arc_node *n, const char *fmt,
                  ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    arc_err(cx->err, ARC_EPARSE, cx->file, n ? n->line : 0,
            n ? n->column : 0, "%s", msg);
    arc_err_rule(cx->err, cx->rule);
    return ARC_EPARSE;
}

const arc_node *arc_node_get(const arc_node *map, const char *key)
{
    if (!map || map->type != ARC_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i]->value, key) == 0)
            return map->items[i];
    return NULL;
}

static int in_list(const char *const *list, const char *s)
{
    for (; list && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

int arc_node_keys(const arc_load_ctx *cx, const arc_node *map,
                  const char *const *allowed, const char *const *allowed2)
{
    if (map->type != ARC_NODE_MAP)
        return arc_node_fail(cx, map, "应为映射（键: 值）");
    for (size_t i = 0; i < map->n; i++) {
        const char *k = map->keys[i]->value;
        if (!in_list(allowed, k) && !in_list(allowed2, k)) {
            arc_buf b = {0};
            for (const char *const *l = allowed; l && *l; l++)
                arc_buf_printf(&b, "%s%s", b.len ? ", " : "", *l);
            for (const char *const *l = allowed2; l && *l; l++)
                arc_buf_printf(&b, "%s%s", b.len ? ", " : "", *l);
            int rc = arc_node_fail(cx, map->keys[i], "未知的键“%s”（可用：%s）",
                                   k, b.data ? b.data : "");
            arc_buf_free(&b);
            return rc;
        }
    }
    return 0;
}

static int get_scalar(const arc_load_ctx *cx, const arc_node *map,
                      const char *key, int required, const arc_node **out)
{
    const arc_node *n = arc_node_get(map, key);
    *out = n;
    if (!n) {
        if (required)
            return arc_node_fail(cx, map, "缺少必需的键“%s”", key);
        return 0;
    }
    if (n->type != ARC_NODE_SCALAR)
        return arc_node_fail(cx, n, "“%s”应为字符串", key);
    return 0;
}

int arc_node_str(const arc_load_ctx *cx, const arc_node *map, const char *key,
                 int required, char **out)
{
    const arc_node *n;
    int rc = get_scalar(cx, map, key, required, &n);
    if (rc || !n)
        return rc;
    char *s = arc_strndup(n->value, n->len);
    if (!s)
        return arc_err_nomem(cx->err);
    free(*out);
    *out = s;
    return 0;
}

int arc_node_int(const arc_load_ctx *cx, const arc_node *map, const char *key,
                 int required, long min, long max, long *out)
{
    const arc_node *n;
    int rc = get_scalar(cx, map, key, required, &n);
    if (rc || !n)
        return rc;
    char *end;
    errno = 0;
    long v = strtol(n->value, &end, 10);
    if (n->quoted || !n->len || *end || errno || v < min || v > max)
        return arc_node_fail(cx, n, "“%s”应为 %ld 到 %ld 之间的整数", key,
                             min, max);
    *out = v;
    return 0;
}

int arc_node_fraction(const arc_load_ctx *cx, const arc_node *map,
                      const char *key, int required, double *out)
{
    const arc_node *n;
    int rc = get_scalar(cx, map, key, required, &n);
    if (rc || !n)
        return rc;
    char *end;
    errno = 0;
    double v = strtod(n->value, &end);
    if (n->quoted || !n->len || *end || errno || !(v > 0 && v <= 1))
        return arc_node_fail(cx, n, "“%s”应为大于 0、不超过 1 的小数", key);
    *out = v;
    return 0;
}

int arc_node_bool(const arc_load_ctx *cx, const arc_node *map,
                  const char *key, int *out)
{
    const arc_node *n;
    int rc = get_scalar(cx, map, key, 0, &n);
    if (rc || !n)
        return rc;
    if (!n->quoted && strcmp(n->value, "true") == 0)
        *out = 1;
    else if (!n->quoted && strcmp(n->value, "false") == 0)
        *out = 0;
    else
        return arc_node_fail(cx, n, "“%s”应为 true 或 false", key);
    return 0;
}

void arc_strs_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

int arc_node_strs(const arc_load_ctx *cx, const arc_node *map, const char *key,
                  int required, char ***out, size_t *count)
{
    const arc_node *n = arc_node_get(map, key);
    *out = NULL;
    *count = 0;
    if (!n)
        return required ? arc_node_fail(cx, map, "缺少必需的键“%s”", key) : 0;
    const arc_node *const *items = (const arc_node *const *)&n;
    size_t k = 1;
    if (n->type == ARC_NODE_SEQ) {
        items = (const arc_node *const *)n->items;
        k = n->n;
    } else if (n->type != ARC_NODE_SCALAR) {
        return arc_node_fail(cx, n, "“%s”应为字符串列表", key);
    }
    char **v = calloc(k ? k : 1, sizeof *v);
    if (!v)
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < k; i++) {
        if (items[i]->type != ARC_NODE_SCALAR) {
            arc_strs_free(v, i);
            return arc_node_fail(cx, items[i], "“%s”的每一项应为字符串", key);
        }
        if (!(v[i] = arc_strndup(items[i]->value, items[i]->len))) {
            arc_strs_free(v, i);
            return arc_err_nomem(cx->err);
        }
    }
    *out = v;
    *count = k;
    return 0;
}

const arc_node *arc_node_item(const arc_node *list, size_t i)
{
    return list->type == ARC_NODE_SEQ && i < list->n ? list->items[i] : list;
}

/* Compiles (out non-NULL) or checks a scalar as a pattern; errors point
 * into the pattern. */
static int node_regex(const arc_load_ctx *cx, const arc_node *n,
                      unsigned flags, arc_regex **out)
{
    if (out)
        *out = NULL;
    if (n->type != ARC_NODE_SCALAR)
        return arc_node_fail(cx, n, "正则表达式应为字符串");
    char msg[256];
    size_t off = 0;
    int rc = out ? arc_regex_compile_ex(out, n->value, n->len, flags, msg,
                                        sizeof msg, &off)
                 : arc_regex_check(n->value, n->len, msg, sizeof msg, &off);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(cx->err);
    if (rc) {
        /* Point at the offending character when the pattern's text is
         * its source text; else at the start of the scalar. */
        arc_node at = *n;
        if (n->verbatim)
            at.column += (int)off + (n->quoted ? 1 : 0);
        return arc_node_fail(cx, &at, "无效的正则表达式：%s", msg);
    }
    return 0;
}

int arc_node_regex(const arc_load_ctx *cx, const arc_node *n, arc_regex **out)
{
    return node_regex(cx, n, 0, out);
}

int arc_node_regex_ex(const arc_load_ctx *cx, const arc_node *n,
                      unsigned flags, arc_regex **out)
{
    return node_regex(cx, n, flags, out);
}

int arc_node_regex_check(const arc_load_ctx *cx, const arc_node *n)
{
    return node_regex(cx, n, 0, NULL);
}

int arc_node_regex_key(const arc_load_ctx *cx, const arc_node *map,
                       const char *key, int required, arc_regex **out)
{
    *out = NULL;
    const arc_node *n = arc_node_get(map, key);
    if (!n)
        return required ? arc_node_fail(cx, map, "缺少必需的键“%s”", key) : 0;
    return arc_node_regex(cx, n, out);
}

int arc_node_words(const arc_load_ctx *cx, const arc_node *n, arc_regex **out)
{
    *out = NULL;
    const arc_node *const *items = (const arc_node *const *)&n;
    size_t k = 1;
    if (n->type == ARC_NODE_SEQ) {
        items = (const arc_node *const *)n->items;
        k = n->n;
    } else if (n->type != ARC_NODE_SCALAR) {
        return arc_node_fail(cx, n, "关键词组应为字符串列表");
    }
    if (k == 0)
        return arc_node_fail(cx, n, "关键词组不能为空");
    const char **words = calloc(k, sizeof *words);
    if (!words)
        return arc_err_nomem(cx->err);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++) {
        if (items[i]->type != ARC_NODE_SCALAR || items[i]->len == 0)
            rc = arc_node_fail(cx, items[i], "关键词应为非空字符串");
        words[i] = items[i]->value;
    }
    if (!rc) {
        char msg[256];
        rc = arc_regex_compile_words(out, words, k, msg, sizeof msg);
        if (rc == ARC_ENOMEM)
            rc = arc_err_nomem(cx->err);
        else if (rc)
            rc = arc_node_fail(cx, n, "关键词组无法编译：%s", msg);
    }
    free(words);
    return rc;
}

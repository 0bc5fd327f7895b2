/* rules_yaml.c - libyaml events to an arc_node tree.  The only module that
 * includes yaml.h. */
#include "node.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 64

static arc_node *node_new(arc_node_type type, const yaml_mark_t *mk)
{
    arc_node *n = calloc(1, sizeof *n);
    if (n) {
        n->type = type;
        n->line = (int)mk->line + 1;
        n->column = (int)mk->column + 1;
    }
    return n;
}

void arc_node_free(arc_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++) {
        arc_node_free(n->items[i]);
        if (n->keys)
            arc_node_free(n->keys[i]);
    }
    free(n->items);
    free(n->keys);
    free(n->value);
    free(n);
}

typedef struct {
    arc_node *node;
    size_t cap;
    arc_node *key; /* mapping key waiting for its value */
} frame;

/* Adds child to a sequence, or as the key or value of a mapping.  Takes
 * ownership of child in all cases. */
static int attach(frame *f, arc_node *child, const arc_load_ctx *cx)
{
    arc_node *parent = f->node;
    if (parent->type == ARC_NODE_MAP && !f->key) {
        int rc = 0;
        if (child->type != ARC_NODE_SCALAR)
            rc = arc_node_fail(cx, child, "映射的键必须是标量");
        for (size_t i = 0; !rc && i < parent->n; i++)
            if (strcmp(parent->keys[i]->value, child->value) == 0)
                rc = arc_node_fail(cx, child, "重复的键“%s”", child->value);
        if (rc) {
            arc_node_free(child);
            return rc;
        }
        f->key = child;
        return 0;
    }
    size_t cap = f->cap;
    if (arc_grow((void **)&parent->items, &f->cap, parent->n + 1,
                 sizeof *parent->items) ||
        (parent->type == ARC_NODE_MAP &&
         arc_grow((void **)&parent->keys, &cap, parent->n + 1,
                  sizeof *parent->keys))) {
        arc_node_free(child);
        return arc_err_nomem(cx->err);
    }
    if (parent->type == ARC_NODE_MAP) {
        parent->keys[parent->n] = f->key;
        f->key = NULL;
    }
    parent->items[parent->n++] = child;
    return 0;
}

int arc_node_parse(arc_node **out, const char *yaml, size_t len,
                   const arc_load_ctx *cx)
{
    *out = NULL;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return arc_err_nomem(cx->err);
    yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);

    frame st[MAX_DEPTH];
    int depth = 0, rc = 0, done = 0;
    arc_node *root = NULL;
    while (!done && !rc) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            const yaml_mark_t *mk = &p.problem_mark;
            rc = arc_err(cx->err, ARC_EPARSE, cx->file, (int)mk->line + 1,
                         (int)mk->column + 1, "YAML 语法错误：%s%s%s",
                         p.problem ? p.problem : "未知错误",
                         p.context ? "，" : "", p.context ? p.context : "");
            break;
        }
        arc_node *n = NULL;
        switch (ev.type) {
        case YAML_SCALAR_EVENT:
            n = node_new(ARC_NODE_SCALAR, &ev.start_mark);
            if (n) {
                n->value = arc_strndup((const char *)ev.data.scalar.value,
                                       ev.data.scalar.length);
                n->len = ev.data.scalar.length;
                yaml_scalar_style_t style = ev.data.scalar.style;
                n->quoted = style != YAML_PLAIN_SCALAR_STYLE;
                /* Escapes ("\\", '') make the value shorter than its
                 * source: then columns inside it cannot be mapped. */
                n->verbatim =
                    n->value && !memchr(n->value, '\n', n->len) &&
                    (style == YAML_PLAIN_SCALAR_STYLE ||
                     (style == YAML_SINGLE_QUOTED_SCALAR_STYLE &&
                      !memchr(n->value, '\'', n->len)) ||
                     (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
                      !memchr(n->value, '\\', n->len) &&
                      !memchr(n->value, '"', n->len)));
                if (!n->value) {
                    free(n);
                    n = NULL;
                }
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
            n = node_new(ARC_NODE_SEQ, &ev.start_mark);
            break;
        case YAML_MAPPING_START_EVENT:
            n = node_new(ARC_NODE_MAP, &ev.start_mark);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_ALIAS_EVENT:
            rc = arc_err(cx->err, ARC_EPARSE, cx->file,
                         (int)ev.start_mark.line + 1,
                         (int)ev.start_mark.column + 1,
                         "规则文件不支持 YAML 别名（*）");
            break;
        case YAML_DOCUMENT_END_EVENT:
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        int opens = ev.type == YAML_SEQUENCE_START_EVENT ||
                    ev.type == YAML_MAPPING_START_EVENT;
        int is_node = opens || ev.type == YAML_SCALAR_EVENT;
        yaml_event_delete(&ev);
        if (rc || !is_node)
            continue;
        if (!n) {
            rc = arc_err_nomem(cx->err);
            break;
        }
        if (depth == 0) {
            root = n;
        } else {
            if ((rc = attach(&st[depth - 1], n, cx)))
                break;
        }
        if (opens) {
            if (depth == MAX_DEPTH) {
                rc = arc_node_fail(cx, n, "嵌套过深（超过 %d 层）",
                                   MAX_DEPTH);
                break;
            }
            st[depth++] = (frame){n, 0, NULL};
        }
    }
    yaml_parser_delete(&p);
    for (int d = 0; d < depth; d++)
        arc_node_free(st[d].key);
    if (rc) {
        arc_node_free(root);
        return rc;
    }
    if (!root)
        return arc_err(cx->err, ARC_EPARSE, cx->file, 1, 1, "规则文件为空");
    *out = root;
    return 0;
}

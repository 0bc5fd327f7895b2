/* ruleset.c - builds an arc_ruleset from the YAML tree. */
#include "rules.h"

#include "extract.h"
#include "util.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

static const char *const top_keys[] = {"version", "name",  "description",
                                       "document", "parts", "deadline",
                                       "rules",    NULL};
static const char *const deadline_keys[] = {"due", "year_offset", NULL};
static const char *const doc_keys[] = {"chrome", "title_end", "title_strip",
                                       "max_title_chars", "max_heading_chars",
                                       "published_label", NULL};
static const char *const part_keys[] = {"id", "name", "heading", "exclude",
                                        "prose", "thematic", NULL};
static const char *const rule_keys[] = {"id",          "kind",    "severity",
                                        "message",     "description",
                                        "enabled",     "examples", NULL};
static const char *const example_keys[] = {"bad", "good", NULL};

int arc_ruleset_part(const arc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->nparts; i++)
        if (strcmp(rs->parts[i].id, id) == 0)
            return (int)i;
    return -1;
}

int arc_rule_part_key(const arc_load_ctx *cx, const arc_node *node,
                      const char *key, int required, const arc_ruleset *rs,
                      int *out)
{
    char *id = NULL;
    int rc = arc_node_str(cx, node, key, required, &id);
    if (rc || !id)
        return rc;
    *out = arc_ruleset_part(rs, id);
    if (*out < 0)
        rc = arc_node_fail(cx, arc_node_get(node, key),
                           "“%s”不是 parts 中定义的部分", id);
    free(id);
    return rc;
}

static int load_document(arc_ruleset *rs, const arc_node *n,
                         const arc_load_ctx *cx)
{
    rs->doc.max_title_chars = 60;
    rs->doc.max_heading_chars = 60;
    if (!n)
        return 0;
    long v;
    int rc = arc_node_keys(cx, n, doc_keys, NULL);
    if (!rc)
        rc = arc_node_regex_key(cx, n, "chrome", 0, &rs->chrome);
    if (!rc)
        rc = arc_node_regex_key(cx, n, "title_end", 0, &rs->title_end);
    if (!rc)
        rc = arc_node_regex_key(cx, n, "title_strip", 0, &rs->title_strip);
    if (!rc)
        rc = arc_node_regex_key(cx, n, "published_label", 0,
                                &rs->published_label);
    v = (long)rs->doc.max_title_chars;
    if (!rc && !(rc = arc_node_int(cx, n, "max_title_chars", 0, 1, 1000, &v)))
        rs->doc.max_title_chars = (size_t)v;
    v = (long)rs->doc.max_heading_chars;
    if (!rc &&
        !(rc = arc_node_int(cx, n, "max_heading_chars", 0, 1, 1000, &v)))
        rs->doc.max_heading_chars = (size_t)v;
    rs->doc.chrome = rs->chrome;
    rs->doc.title_end = rs->title_end;
    rs->doc.title_strip = rs->title_strip;
    rs->doc.published_label = rs->published_label;
    return rc;
}

/* A list of key-word groups (list of lists), or of patterns (list). */
static int load_regex_list(const arc_load_ctx *cx, const arc_node *n,
                           int words, arc_regex ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!n)
        return 0;
    if (n->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, n, words ? "应为关键词组的列表"
                                          : "应为正则表达式的列表");
    if (!(*out = calloc(n->n ? n->n : 1, sizeof **out)))
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < n->n; i++) {
        int rc = words ? arc_node_words(cx, n->items[i], &(*out)[i])
                       : arc_node_regex(cx, n->items[i], &(*out)[i]);
        if (rc)
            return rc;
        (*count)++;
    }
    return 0;
}

static int load_part(arc_part_def *p, const arc_node *n, const arc_load_ctx *cx)
{
    int rc = arc_node_keys(cx, n, part_keys, NULL);
    if (!rc)
        rc = arc_node_str(cx, n, "id", 1, &p->id);
    if (!rc)
        rc = arc_node_str(cx, n, "name", 1, &p->name);
    if (!rc)
        rc = load_regex_list(cx, arc_node_get(n, "heading"), 1, &p->heading,
                             &p->nheading);
    if (!rc && arc_node_get(n, "exclude"))
        rc = arc_node_words(cx, arc_node_get(n, "exclude"), &p->exclude);
    if (!rc)
        rc = load_regex_list(cx, arc_node_get(n, "prose"), 0, &p->prose,
                             &p->nprose);
    if (!rc)
        rc = arc_node_bool(cx, n, "thematic", &p->thematic);
    if (!rc && !p->nheading && !p->thematic)
        rc = arc_node_fail(cx, n, "部分“%s”需要 heading 关键词组或 "
                                  "thematic: true", p->id);
    return rc;
}

/* deadline: {due: "MM-DD", year_offset: n}; default 04-01 of N+1. */
static int load_deadline(arc_ruleset *rs, const arc_node *n,
                         const arc_load_ctx *cx)
{
    rs->deadline = (arc_deadline){1, 4, 1};
    if (!n)
        return 0;
    int rc = arc_node_keys(cx, n, deadline_keys, NULL);
    long off = 1;
    char *due = NULL;
    if (!rc)
        rc = arc_node_int(cx, n, "year_offset", 0, 0, 5, &off);
    if (!rc)
        rc = arc_node_str(cx, n, "due", 1, &due);
    if (rc)
        return rc;
    int m = 0, d = 0;
    char tail;
    if (sscanf(due, "%d-%d%c", &m, &d, &tail) != 2 ||
        d < 1 || d > arc_days_in_month(0, m))
        rc = arc_node_fail(cx, arc_node_get(n, "due"),
                           "due 应为“月-日”，如 04-01");
    free(due);
    rs->deadline = (arc_deadline){(int)off, m, d};
    return rc;
}

/* examples: {bad: [text, ...], good: [text, ...]} */
static int load_examples(arc_rule *r, const arc_node *n,
                         const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    int rc = arc_node_keys(cx, n, example_keys, NULL);
    if (rc)
        return rc;
    size_t total = 0;
    for (size_t k = 0; k < n->n; k++) {
        const arc_node *list = n->items[k];
        if (list->type != ARC_NODE_SEQ)
            return arc_node_fail(cx, list, "示例应为字符串列表");
        total += list->n;
    }
    if (!(r->examples = calloc(total ? total : 1, sizeof *r->examples)))
        return arc_err_nomem(cx->err);
    for (size_t k = 0; k < n->n; k++) {
        const arc_node *list = n->items[k];
        int bad = strcmp(n->keys[k]->value, "bad") == 0;
        for (size_t i = 0; i < list->n; i++) {
            const arc_node *e = list->items[i];
            if (e->type != ARC_NODE_SCALAR)
                return arc_node_fail(cx, e, "示例应为字符串");
            arc_example *ex = &r->examples[r->nexamples];
            if (!(ex->text = arc_strndup(e->value, e->len)))
                return arc_err_nomem(cx->err);
            ex->bad = bad;
            ex->line = e->line;
            ex->column = e->column;
            r->nexamples++;
        }
    }
    return 0;
}

static const arc_kind *find_kind(const char *name)
{
    for (const arc_kind *const *k = arc_kinds; *k; k++)
        if (strcmp((*k)->name, name) == 0)
            return *k;
    return NULL;
}

static int load_rule(arc_ruleset *rs, arc_rule *r, const arc_node *n,
                     arc_load_ctx *cx)
{
    if (n->type != ARC_NODE_MAP)
        return arc_node_fail(cx, n, "规则应为映射（键: 值）");
    int rc = arc_node_str(cx, n, "id", 1, &r->id);
    if (rc)
        return rc;
    cx->rule = r->id;
    for (size_t i = 0; i < rs->nrules; i++)
        if (strcmp(rs->rules[i].id, r->id) == 0)
            return arc_node_fail(cx, arc_node_get(n, "id"),
                                 "规则 id“%s”重复", r->id);
    char *kind = NULL, *sev = NULL;
    if ((rc = arc_node_str(cx, n, "kind", 1, &kind)))
        return rc;
    r->kind = find_kind(kind);
    if (!r->kind) {
        arc_buf b = {0};
        for (const arc_kind *const *k = arc_kinds; *k; k++)
            arc_buf_printf(&b, "%s%s", b.len ? ", " : "", (*k)->name);
        rc = arc_node_fail(cx, arc_node_get(n, "kind"),
                           "未知的规则类型“%s”（可用：%s）", kind,
                           b.data ? b.data : "");
        arc_buf_free(&b);
        free(kind);
        return rc;
    }
    free(kind);
    if ((rc = arc_node_keys(cx, n, rule_keys, r->kind->keys)))
        return rc;
    r->enabled = 1;
    if ((rc = arc_node_str(cx, n, "severity", 1, &sev)))
        return rc;
    int s = arc_severity_parse(sev);
    free(sev);
    if (s < 0)
        return arc_node_fail(cx, arc_node_get(n, "severity"),
                             "severity 应为 error、warning 或 info");
    r->severity = (arc_severity)s;
    if ((rc = arc_node_str(cx, n, "message", 1, &r->message)) ||
        (rc = arc_node_str(cx, n, "description", 0, &r->description)) ||
        (rc = arc_node_bool(cx, n, "enabled", &r->enabled)) ||
        (rc = load_examples(r, arc_node_get(n, "examples"), cx)))
        return rc;
    return r->kind->parse(r, n, cx, rs);
}

static int load_tree(arc_ruleset *rs, const arc_node *root, arc_load_ctx *cx)
{
    int rc = arc_node_keys(cx, root, top_keys, NULL);
    long version = 1;
    if (!rc)
        rc = arc_node_int(cx, root, "version", 1, 1, 1, &version);
    if (!rc)
        rc = arc_node_str(cx, root, "name", 0, &rs->name);
    if (!rc)
        rc = load_document(rs, arc_node_get(root, "document"), cx);
    if (!rc)
        rc = load_deadline(rs, arc_node_get(root, "deadline"), cx);
    if (rc)
        return rc;

    const arc_node *parts = arc_node_get(root, "parts");
    if (parts && parts->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, parts, "parts 应为列表");
    if (parts) {
        if (!(rs->parts = calloc(parts->n ? parts->n : 1, sizeof *rs->parts)))
            return arc_err_nomem(cx->err);
        for (size_t i = 0; i < parts->n; i++) {
            rc = load_part(&rs->parts[i], parts->items[i], cx);
            rs->nparts = i + 1;
            if (rc)
                return rc;
            if (arc_ruleset_part(rs, rs->parts[i].id) != (int)i)
                return arc_node_fail(cx, parts->items[i], "部分 id“%s”重复",
                                     rs->parts[i].id);
        }
    }

    const arc_node *rules = arc_node_get(root, "rules");
    if (!rules)
        return arc_node_fail(cx, root, "缺少必需的键“rules”");
    if (rules->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, rules, "rules 应为列表");
    if (!(rs->rules = calloc(rules->n ? rules->n : 1, sizeof *rs->rules)))
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < rules->n; i++) {
        rc = load_rule(rs, &rs->rules[i], rules->items[i], cx);
        rs->nrules = i + 1;
        cx->rule = NULL;
        if (rc)
            return rc;
    }
    return 0;
}

int arc_ruleset_load_buffer(arc_ruleset **out, const char *name,
                            const char *yaml, size_t len, arc_error *err)
{
    *out = NULL;
    arc_load_ctx cx = {name ? name : "", NULL, err};
    arc_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs || !(rs->path = arc_strdup(cx.file))) {
        free(rs);
        return arc_err_nomem(err);
    }
    arc_node *root = NULL;
    int rc = arc_node_parse(&root, yaml, len, &cx);
    if (!rc)
        rc = load_tree(rs, root, &cx);
    arc_node_free(root);
    if (rc) {
        arc_ruleset_free(rs);
        return rc;
    }
    *out = rs;
    return 0;
}

int arc_ruleset_load(arc_ruleset **out, const char *path, arc_error *err)
{
    char *data;
    size_t len;
    *out = NULL;
    int rc = arc_read_file(&data, &len, path, err);
    if (rc)
        return rc;
    rc = arc_ruleset_load_buffer(out, path, data, len, err);
    free(data);
    return rc;
}

static void regexes_free(arc_regex **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        arc_regex_free(v[i]);
    free(v);
}

void arc_ruleset_free(arc_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->nrules; i++) {
        arc_rule *r = &rs->rules[i];
        if (r->kind && r->kind->free)
            r->kind->free(r->params);
        free(r->id);
        free(r->message);
        free(r->description);
        for (size_t k = 0; k < r->nexamples; k++)
            free(r->examples[k].text);
        free(r->examples);
    }
    free(rs->rules);
    for (size_t i = 0; i < rs->nparts; i++) {
        arc_part_def *p = &rs->parts[i];
        free(p->id);
        free(p->name);
        regexes_free(p->heading, p->nheading);
        regexes_free(p->prose, p->nprose);
        arc_regex_free(p->exclude);
    }
    free(rs->parts);
    arc_regex_free(rs->chrome);
    arc_regex_free(rs->title_end);
    arc_regex_free(rs->title_strip);
    arc_regex_free(rs->published_label);
    free(rs->path);
    free(rs->name);
    free(rs);
}

size_t arc_ruleset_rule_count(const arc_ruleset *rs)
{
    return rs->nrules;
}

const char *arc_ruleset_rule_id(const arc_ruleset *rs, size_t i)
{
    return i < rs->nrules ? rs->rules[i].id : NULL;
}

const char *arc_ruleset_rule_description(const arc_ruleset *rs, size_t i)
{
    if (i >= rs->nrules)
        return NULL;
    return rs->rules[i].description ? rs->rules[i].description : "";
}

arc_severity arc_ruleset_rule_severity(const arc_ruleset *rs, size_t i)
{
    return i < rs->nrules ? rs->rules[i].severity : ARC_SEV_INFO;
}

int arc_doc_parse(arc_doc **out, const char *path, const char *data,
                  size_t len, const arc_ruleset *rs, arc_error *err)
{
    return arc_doc_parse_opts(out, path, data, len, rs ? &rs->doc : NULL, err);
}

int arc_doc_load(arc_doc **out, const char *path, const arc_ruleset *rs,
                 arc_error *err)
{
    char *data;
    size_t len;
    *out = NULL;
    int rc = arc_read_file(&data, &len, path, err);
    if (rc)
        return rc;
    rc = arc_doc_parse(out, path, data, len, rs, err);
    free(data);
    return rc;
}

const char *arc_severity_name(arc_severity sev)
{
    switch (sev) {
    case ARC_SEV_ERROR:
        return "error";
    case ARC_SEV_WARNING:
        return "warning";
    default:
        return "info";
    }
}

int arc_severity_parse(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "error") == 0)
        return ARC_SEV_ERROR;
    if (strcmp(name, "warning") == 0)
        return ARC_SEV_WARNING;
    if (strcmp(name, "info") == 0)
        return ARC_SEV_INFO;
    return -1;
}

/* ruleset.c - builds an arc_ruleset from the YAML tree. */
#include "rules.h"

#include "convert.h"
#include "extract.h"
#include "text.h"
#include "util.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

static const char *const top_keys[] = {
    "version", "name",    "description", "extends", "document", "parts",
    "deadline", "scoring", "rules",      "severity", "disable", "corpus",
    "enable",   "profile", "profiles",   "document_from", NULL};
static const char *const scoring_keys[] = {"base", "error", "warning", "info",
                                           "rules", NULL};
static const char *const trad_keys[] = {"markers", "min", "config", NULL};
static const char *const part_keys[] = {"id",      "name",     "heading",
                                        "heading_or", "exclude", "prose",
                                        "thematic", NULL};
static const char *const rule_keys[] = {"id",          "kind",    "severity",
                                        "message",     "description",
                                        "basis",       "enabled",
                                        "examples",    NULL};
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

/* traditional: {markers: "這們國…", min: 3, config: t2s.json} - when the
 * first 1 KiB hold `min` of these characters the text is folded to
 * simplified with OpenCC for matching. */
static int load_traditional(arc_ruleset *rs, const arc_node *n,
                            const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    char *markers = NULL, *config = NULL;
    long min = 3;
    int rc = arc_node_keys(cx, n, trad_keys, NULL);
    if (!rc)
        rc = arc_node_str(cx, n, "markers", 1, &markers);
    if (!rc)
        rc = arc_node_int(cx, n, "min", 0, 1, 1000, &min);
    if (!rc)
        rc = arc_node_str(cx, n, "config", 0, &config);
    size_t len = markers ? strlen(markers) : 0, count = 0;
    uint32_t *v = rc ? NULL : calloc(len + 1, sizeof *v);
    if (!rc && !v)
        rc = arc_err_nomem(cx->err);
    for (size_t i = 0; !rc && i < len;) {
        uint32_t cp;
        size_t k = arc_utf8_decode(markers + i, len - i, &cp);
        if (!k) {
            rc = arc_node_fail(cx, arc_node_get(n, "markers"),
                               "markers 不是有效的 UTF-8");
            break;
        }
        if (cp > 0x7F)
            v[count++] = cp;
        i += k;
    }
    char reason[256];
    arc_t2s *t2s = NULL;
    if (!rc) {
        int orc = arc_t2s_open(&t2s, config ? config : "t2s.json", reason,
                               sizeof reason);
        if (orc == ARC_ENOMEM)
            rc = arc_err_nomem(cx->err);
        else if (orc)
            rc = arc_node_fail(cx, n, "无法打开 OpenCC 配置“%s”：%s",
                               config ? config : "t2s.json", reason);
    }
    free(markers);
    free(config);
    if (rc) {
        free(v);
        arc_t2s_close(t2s);
        return rc;
    }
    /* A marker that OpenCC leaves alone is also simplified (督, 法): it
     * would mark every report traditional and fold each one for nothing. */
    for (size_t i = 0; !rc && i < count; i++) {
        char ch[8];
        size_t k = arc_utf8_encode(v[i], ch);
        ch[k] = '\0';
        char folded[8];
        memcpy(folded, ch, k + 1);
        if (arc_t2s_fold(t2s, folded, k)) {
            rc = arc_err_nomem(cx->err);
        } else if (strcmp(folded, ch) == 0) {
            rc = arc_node_fail(cx, arc_node_get(n, "markers"),
                               "markers 中的“%s”在简体中写法相同，不能用来识别繁体",
                               ch);
        }
    }
    if (rc) {
        free(v);
        arc_t2s_close(t2s);
        return rc;
    }
    unsigned char *bits = calloc(0x10000 / 8, 1);
    if (!bits) {
        free(v);
        arc_t2s_close(t2s);
        return arc_err_nomem(cx->err);
    }
    for (size_t i = 0; i < count; i++)
        if (v[i] < 0x10000)
            bits[v[i] >> 3] |= (unsigned char)(1u << (v[i] & 7));
    free(v);
    free(rs->trad_bits);
    arc_t2s_close(rs->t2s);
    rs->trad_bits = bits;
    rs->t2s = t2s;
    rs->doc.t2s = t2s;
    rs->doc.trad_bits = bits;
    rs->doc.trad_min = (size_t)min;
    return 0;
}

/* document: the profile's keys (ruleset_doc.c), then traditional
 * folding, which needs the ruleset's OpenCC converter. */
static int load_document(arc_ruleset *rs, const arc_node *n,
                         const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    int rc = arc_load_document(&rs->doc, n, cx);
    if (!rc)
        rc = load_traditional(rs, arc_node_get(n, "traditional"), cx);
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

/* heading_or: a list of alternatives, each a list of groups; a group is a
 * key-word list, or one string that is a pattern (a year: \\d{4}年). */
static int load_heading_or(arc_part_def *p, const arc_node *n,
                           const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    if (n->type != ARC_NODE_SEQ || !n->n)
        return arc_node_fail(cx, n, "heading_or 应为关键词组列表的列表");
    if (!(p->alt = calloc(n->n, sizeof *p->alt)) ||
        !(p->nalt = calloc(n->n, sizeof *p->nalt)))
        return arc_err_nomem(cx->err);
    for (size_t a = 0; a < n->n; a++) {
        const arc_node *alt = n->items[a];
        if (alt->type != ARC_NODE_SEQ || !alt->n)
            return arc_node_fail(cx, alt, "应为关键词组的列表");
        if (!(p->alt[a] = calloc(alt->n, sizeof **p->alt)))
            return arc_err_nomem(cx->err);
        p->nalts = a + 1;
        for (size_t g = 0; g < alt->n; g++) {
            const arc_node *gn = alt->items[g];
            int rc = gn->type == ARC_NODE_SCALAR
                         ? arc_node_regex(cx, gn, &p->alt[a][g])
                         : arc_node_words(cx, gn, &p->alt[a][g]);
            if (rc)
                return rc;
            p->nalt[a] = g + 1;
        }
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
    if (!rc)
        rc = load_heading_or(p, arc_node_get(n, "heading_or"), cx);
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
int arc_load_deadline(const arc_load_ctx *cx, const arc_node *n,
                      arc_deadline *dl)
{
    static const char *const keys[] = {"due", "year_offset", NULL};
    int rc = arc_node_keys(cx, n, keys, NULL);
    long off = dl->year_offset;
    char *due = NULL;
    if (!rc)
        rc = arc_node_int(cx, n, "year_offset", 0, 0, 5, &off);
    if (!rc)
        rc = arc_node_str(cx, n, "due", 0, &due);
    if (rc)
        return rc;
    int m = dl->month, d = dl->day;
    char tail;
    /* Month-day only: 02-29 is allowed (it exists in leap years). */
    if (due && (sscanf(due, "%d-%d%c", &m, &d, &tail) != 2 || d < 1 ||
                d > arc_days_in_month(0, m)))
        rc = arc_node_fail(cx, arc_node_get(n, "due"),
                           "due 应为“月-日”，如 04-01");
    free(due);
    if (!rc)
        *dl = (arc_deadline){(int)off, m, d};
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
            if (!(ex->text = arc_strndup(e->value, e->len)) ||
                !(ex->file = arc_strdup(cx->file)))
                return arc_err_nomem(cx->err);
            ex->bad = bad;
            ex->line = e->line;
            ex->column = e->column;
            r->nexamples++;
        }
    }
    return 0;
}

/* scoring: {base, error, warning, info, rules: {id: weight}}; the rules
 * map is read after the rules so that ids can be checked. */
static int load_scoring(arc_ruleset *rs, const arc_node *n,
                        const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    int rc = arc_node_keys(cx, n, scoring_keys, NULL);
    long v;
    static const char *const names[] = {"info", "warning", "error"};
    v = (long)rs->scoring.base;
    if (!rc && !(rc = arc_node_int(cx, n, "base", 0, 0, 100, &v)))
        rs->scoring.base = (double)v;
    for (int i = 0; !rc && i < 3; i++) {
        v = (long)rs->scoring.severity[i];
        if (!(rc = arc_node_int(cx, n, names[i], 0, 0, 100, &v)))
            rs->scoring.severity[i] = (double)v;
    }
    return rc;
}

static int load_rule_weights(arc_ruleset *rs, const arc_node *n,
                             const arc_load_ctx *cx)
{
    const arc_node *w = n ? arc_node_get(n, "rules") : NULL;
    if (!w)
        return 0;
    if (w->type != ARC_NODE_MAP)
        return arc_node_fail(cx, w, "scoring.rules 应为映射：规则 id: 扣分");
    for (size_t i = 0; i < w->n; i++) {
        const char *id = w->keys[i]->value;
        arc_rule *r = NULL;
        for (size_t k = 0; k < rs->nrules; k++)
            if (strcmp(rs->rules[k].id, id) == 0)
                r = &rs->rules[k];
        if (!r)
            return arc_node_fail(cx, w->keys[i], "没有 id 为“%s”的规则", id);
        long v = 0;
        int rc = arc_node_int(cx, w, id, 1, 0, 100, &v);
        if (rc)
            return rc;
        r->weight = (double)v;
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
        (rc = arc_node_str(cx, n, "basis", 0, &r->basis)) ||
        (rc = arc_node_bool(cx, n, "enabled", &r->enabled)) ||
        (rc = load_examples(r, arc_node_get(n, "examples"), cx)))
        return rc;
    return r->kind->parse(r, n, cx, rs);
}

static void part_free(arc_part_def *p);
static void rule_free(arc_rule *r);
static int load_file(arc_ruleset *rs, const char *path, int depth,
                     arc_error *err);

/* Where a rule or part with this id sits, or n. */
static size_t find_rule(const arc_ruleset *rs, const char *id)
{
    size_t i = 0;
    while (i < rs->nrules && strcmp(rs->rules[i].id, id) != 0)
        i++;
    return i;
}

/* parts: a part whose id a base rule set defined replaces it in place (the
 * rules' part indices stay valid); new ids are appended. */
static int merge_parts(arc_ruleset *rs, const arc_node *parts,
                       arc_load_ctx *cx, int depth)
{
    if (!parts)
        return 0;
    if (parts->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, parts, "parts 应为列表");
    for (size_t i = 0; i < parts->n; i++) {
        arc_part_def p = {0};
        int rc = load_part(&p, parts->items[i], cx);
        if (rc) {
            part_free(&p);
            return rc;
        }
        int k = arc_ruleset_part(rs, p.id);
        if (k >= 0 && rs->part_depth[k] == depth) {
            rc = arc_node_fail(cx, parts->items[i], "部分 id“%s”重复", p.id);
            part_free(&p);
            return rc;
        }
        if (k < 0) {
            if (rs->nparts == ARC_MAX_PARTS) {
                part_free(&p);
                return arc_node_fail(cx, parts->items[i],
                                     "最多定义 %d 个部分", ARC_MAX_PARTS);
            }
            k = (int)rs->nparts++;
        } else {
            part_free(&rs->parts[k]);
        }
        rs->parts[k] = p;
        rs->part_depth[k] = depth;
    }
    return 0;
}

/* rules: same id as a base rule replaces it; a repeat within one file is
 * an error. */
static int merge_rules(arc_ruleset *rs, const arc_node *rules,
                       arc_load_ctx *cx, int depth)
{
    if (rules->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, rules, "rules 应为列表");
    for (size_t i = 0; i < rules->n; i++) {
        arc_rule r = {0};
        r.weight = -1;
        int rc = load_rule(rs, &r, rules->items[i], cx);
        cx->rule = NULL;
        if (rc) {
            rule_free(&r);
            return rc;
        }
        size_t k = find_rule(rs, r.id);
        if (k < rs->nrules && rs->rules[k].depth == depth) {
            cx->rule = r.id;
            rc = arc_node_fail(cx, arc_node_get(rules->items[i], "id"),
                               "规则 id“%s”重复", r.id);
            cx->rule = NULL;
            rule_free(&r);
            return rc;
        }
        if (k == rs->nrules) {
            if (arc_grow((void **)&rs->rules, &rs->rules_cap, rs->nrules + 1,
                         sizeof *rs->rules)) {
                rule_free(&r);
                return arc_err_nomem(cx->err);
            }
            rs->nrules++;
        } else {
            /* The base's scoring weight stays unless this file sets one
             * (weights are read after the rules). */
            r.weight = rs->rules[k].weight;
            rule_free(&rs->rules[k]);
        }
        r.depth = depth;
        rs->rules[k] = r;
    }
    return 0;
}

/* severity: {id: level} and disable: [id] - adjustments of a base rule
 * set's rules. */
static int adjust_rules(arc_ruleset *rs, const arc_node *root,
                        const arc_load_ctx *cx)
{
    const arc_node *sev = arc_node_get(root, "severity");
    if (sev && sev->type != ARC_NODE_MAP)
        return arc_node_fail(cx, sev, "severity 应为映射：规则 id: 级别");
    for (size_t i = 0; sev && i < sev->n; i++) {
        const arc_node *k = sev->keys[i], *v = sev->items[i];
        size_t r = find_rule(rs, k->value);
        if (strcmp(k->value, ARC_RULE_UNREADABLE) == 0 ||
            strcmp(k->value, ARC_RULE_PATTERN_ERROR) == 0)
            return arc_node_fail(cx, k, "%s 是内置规则，不能改级别",
                                 k->value);
        if (r == rs->nrules)
            return arc_node_fail(cx, k, "没有 id 为“%s”的规则", k->value);
        int s = v->type == ARC_NODE_SCALAR ? arc_severity_parse(v->value) : -1;
        if (s < 0)
            return arc_node_fail(cx, v, "级别应为 error、warning 或 info");
        rs->rules[r].severity = (arc_severity)s;
    }
    char **ids;
    size_t n;
    int rc = arc_node_strs(cx, root, "disable", 0, &ids, &n);
    for (size_t i = 0; !rc && i < n; i++) {
        size_t r = find_rule(rs, ids[i]);
        const arc_node *at = arc_node_item(arc_node_get(root, "disable"), i);
        if (strcmp(ids[i], ARC_RULE_UNREADABLE) == 0 ||
            strcmp(ids[i], ARC_RULE_PATTERN_ERROR) == 0)
            rc = arc_node_fail(cx, at, "%s 是内置规则，不能停用", ids[i]);
        else if (r == rs->nrules)
            rc = arc_node_fail(cx, at, "没有 id 为“%s”的规则", ids[i]);
        else
            rs->rules[r].enabled = 0;
    }
    arc_strs_free(ids, n);
    if (rc)
        return rc;
    /* enable: switches on rules a base ships off (optional parts). */
    rc = arc_node_strs(cx, root, "enable", 0, &ids, &n);
    for (size_t i = 0; !rc && i < n; i++) {
        size_t r = find_rule(rs, ids[i]);
        if (r == rs->nrules)
            rc = arc_node_fail(cx, arc_node_item(arc_node_get(root, "enable"),
                                                 i),
                               "没有 id 为“%s”的规则", ids[i]);
        else
            rs->rules[r].enabled = 1;
    }
    arc_strs_free(ids, n);
    return rc;
}

static arc_ruleset *ruleset_new(const char *name);

/* document_from: a profile file read on its own (its examples, -r) reads
 * documents with the `document:` of the set that names it; loaded as a
 * profile it uses that set's anyway. */
static int load_document_from(arc_ruleset *rs, const arc_node *n,
                              arc_load_ctx *cx)
{
    if (n->type != ARC_NODE_SCALAR)
        return arc_node_fail(cx, n, "document_from 应为规则集文件的路径");
    char *path = arc_path_beside(cx->file, n->value), *data = NULL;
    if (!path)
        return arc_err_nomem(cx->err);
    size_t len;
    arc_load_ctx sub = {path, NULL, cx->err};
    arc_node *root = NULL;
    int rc = arc_read_file(&data, &len, path, ARC_MAX_RULES_FILE,
                           cx->err);
    if (!rc)
        rc = arc_node_parse(&root, data, len, &sub);
    const arc_node *doc = rc ? NULL : arc_node_get(root, "document");
    if (!rc && doc)
        rc = load_document(rs, doc, &sub);
    if (rc && cx->err && !cx->err->line) {
        char msg[sizeof cx->err->message];
        snprintf(msg, sizeof msg, "%s", cx->err->message);
        rc = arc_node_fail(cx, n, "document_from 的规则集“%s”无法读取：%s",
                           path, msg);
    }
    arc_node_free(root);
    free(data);
    free(path);
    return rc;
}

/* profiles: [file, …] - each a rule set of its own (paths beside this
 * file) checking the document type its `profile` key names.  A profile a
 * base set already has is replaced (a province's own work-plan file). */
static int load_profiles(arc_ruleset *rs, const arc_node *n, arc_load_ctx *cx)
{
    if (!n)
        return 0;
    if (rs->is_profile)
        return arc_node_fail(cx, n, "profiles 只能写在主规则集中");
    if (n->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, n, "profiles 应为规则集文件路径的列表");
    for (size_t i = 0; i < n->n; i++) {
        const arc_node *it = n->items[i];
        if (it->type != ARC_NODE_SCALAR)
            return arc_node_fail(cx, it, "profiles 应为规则集文件路径的列表");
        char *path = arc_path_beside(cx->file, it->value);
        arc_ruleset *p = path ? ruleset_new(path) : NULL;
        free(path);
        if (!p)
            return arc_err_nomem(cx->err);
        free(p->profile);
        p->profile = NULL;
        p->is_profile = 1;
        int rc = load_file(p, p->path, 0, cx->err);
        if (rc && cx->err && !cx->err->line) {
            char msg[sizeof cx->err->message];
            snprintf(msg, sizeof msg, "%s", cx->err->message);
            rc = arc_node_fail(cx, it, "profiles 的规则集“%s”无法加载：%s",
                               p->path, msg);
        }
        if (!rc && !p->profile)
            rc = arc_err(cx->err, ARC_EPARSE, p->path, 0, 0,
                         "文件类型的规则集需要 profile 键（它检查的文件类型，"
                         "如 work-plan）");
        if (!rc && strcmp(p->profile, rs->profile) == 0)
            rc = arc_node_fail(cx, it, "profiles 中的“%s”与主规则集检查同一"
                               "文件类型（%s）", it->value, p->profile);
        if (rc) {
            arc_ruleset_free(p);
            return rc;
        }
        size_t k = 0;
        while (k < rs->nprofiles && strcmp(rs->profiles[k]->profile,
                                           p->profile) != 0)
            k++;
        if (k == rs->nprofiles) {
            arc_ruleset **v = realloc(rs->profiles, (k + 1) * sizeof *v);
            if (!v) {
                arc_ruleset_free(p);
                return arc_err_nomem(cx->err);
            }
            rs->profiles = v;
            rs->nprofiles++;
        } else {
            arc_ruleset_free(rs->profiles[k]);
        }
        rs->profiles[k] = p;
    }
    return 0;
}

static int load_tree(arc_ruleset *rs, const arc_node *root, arc_load_ctx *cx,
                     int depth)
{
    int rc = arc_node_keys(cx, root, top_keys, NULL);
    long version = 1;
    if (!rc)
        rc = arc_node_int(cx, root, "version", 1, 1, 1, &version);
    const arc_node *ext = arc_node_get(root, "extends");
    if (!rc && ext) {
        /* The base first; this file's keys then override it. */
        if (ext->type != ARC_NODE_SCALAR)
            return arc_node_fail(cx, ext, "extends 应为规则集文件的路径");
        if (depth >= 8)
            return arc_node_fail(cx, ext, "extends 嵌套过深（可能循环引用）");
        char *base = arc_path_beside(cx->file, ext->value);
        if (!base)
            return arc_err_nomem(cx->err);
        rc = load_file(rs, base, depth + 1, cx->err);
        if (rc && cx->err && !cx->err->line) {
            /* The base could not be read: say where it was named. */
            char msg[sizeof cx->err->message];
            snprintf(msg, sizeof msg, "%s", cx->err->message);
            rc = arc_node_fail(cx, ext, "extends 的规则集“%s”无法加载：%s",
                               base, msg);
        }
        free(base);
    }
    if (!rc)
        rc = arc_node_str(cx, root, "name", 0, &rs->name);
    if (!rc && arc_node_get(root, "profile")) {
        char *id = NULL;
        if (!(rc = arc_node_str(cx, root, "profile", 1, &id))) {
            free(rs->profile);
            rs->profile = id;
        }
    }
    if (!rc && rs->is_profile && arc_node_get(root, "document"))
        rc = arc_node_fail(cx, arc_node_get(root, "document"),
                           "document 只能写在主规则集中：各类文件用同一套"
                           "识别方法读出标题、年度和类型");
    if (!rc)
        rc = load_document(rs, arc_node_get(root, "document"), cx);
    const arc_node *from = arc_node_get(root, "document_from");
    if (!rc && from && !rs->is_profile)
        rc = load_document_from(rs, from, cx);
    if (!rc)
        rc = load_profiles(rs, arc_node_get(root, "profiles"), cx);
    const arc_node *dl = arc_node_get(root, "deadline");
    if (!rc && dl)
        rc = arc_load_deadline(cx, dl, &rs->deadline);
    if (!rc)
        rc = load_scoring(rs, arc_node_get(root, "scoring"), cx);
    if (!rc)
        rc = merge_parts(rs, arc_node_get(root, "parts"), cx, depth);
    if (!rc)
        rc = arc_corpus_params_load(rs, arc_node_get(root, "corpus"), cx);
    if (rc)
        return rc;
    const arc_node *rules = arc_node_get(root, "rules");
    if (!rules && !ext)
        return arc_node_fail(cx, root, "缺少必需的键“rules”");
    if (rules && (rc = merge_rules(rs, rules, cx, depth)))
        return rc;
    if ((rc = adjust_rules(rs, root, cx)))
        return rc;
    return load_rule_weights(rs, arc_node_get(root, "scoring"), cx);
}

static int load_buffer(arc_ruleset *rs, const char *name, const char *yaml,
                       size_t len, int depth, arc_error *err)
{
    arc_load_ctx cx = {name ? name : "", NULL, err};
    arc_node *root = NULL;
    int rc = arc_node_parse(&root, yaml, len, &cx);
    if (!rc)
        rc = load_tree(rs, root, &cx, depth);
    arc_node_free(root);
    return rc;
}

static int load_file(arc_ruleset *rs, const char *path, int depth,
                     arc_error *err)
{
    char *data;
    size_t len;
    int rc = arc_read_file(&data, &len, path, ARC_MAX_RULES_FILE, err);
    if (rc)
        return rc;
    rc = load_buffer(rs, path, data, len, depth, err);
    free(data);
    return rc;
}

static const arc_kind builtin_kind = {.name = "builtin"};

/* Rules every rule set has, added after loading, so that writers list them
 * like any other and nothing is skipped silently: a file that cannot be
 * checked (its message is the reader's reason) and a pattern PCRE2 gave up
 * on (its message names the rule). */
static const struct {
    const char *id;
    const char *description;
} builtins[] = {
    {ARC_RULE_UNREADABLE, "文件无法读取或无法检查（格式损坏、加密、扫描件、"
                          "编码无法识别、超过上限等），原因见消息。"},
    {ARC_RULE_PATTERN_ERROR, "规则集中的某个模式在报告上无法完成匹配（超过 "
                             "PCRE2 的匹配上限），该规则的结果可能不完整。"},
};

static int add_builtin(arc_ruleset *rs, arc_error *err)
{
    for (size_t b = 0; b < ARC_ARRAY_LEN(builtins); b++) {
        if (find_rule(rs, builtins[b].id) < rs->nrules)
            return arc_err(err, ARC_EPARSE, rs->path, 0, 0,
                           "规则 id %s 为内置规则保留", builtins[b].id);
        if (arc_grow((void **)&rs->rules, &rs->rules_cap, rs->nrules + 1,
                     sizeof *rs->rules))
            return arc_err_nomem(err);
        arc_rule *r = &rs->rules[rs->nrules];
        memset(r, 0, sizeof *r);
        r->kind = &builtin_kind;
        r->severity = ARC_SEV_ERROR;
        r->enabled = 1;
        r->builtin = 1;
        r->weight = -1;
        r->id = arc_strdup(builtins[b].id);
        r->message = arc_strdup("{reason}");
        r->description = arc_strdup(builtins[b].description);
        rs->nrules++;
        if (!r->id || !r->message || !r->description)
            return arc_err_nomem(err);
    }
    return 0;
}

static arc_ruleset *ruleset_new(const char *name)
{
    arc_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs || !(rs->path = arc_strdup(name ? name : "")) ||
        !(rs->profile = arc_strdup(ARC_DEFAULT_PROFILE))) {
        if (rs)
            free(rs->path);
        free(rs);
        return NULL;
    }
    rs->doc = arc_doc_profile_default;
    rs->deadline = (arc_deadline){1, 4, 1};
    rs->scoring = (arc_scoring){100, {0, 3, 10}};
    arc_corpus_params_init(&rs->corpus);
    return rs;
}

/* The public enumeration: this set's rules, then each profile's rules
 * whose id is new (shared ids such as numbering.gap are listed once). */
static int build_view(arc_ruleset *rs, arc_error *err)
{
    size_t total = rs->nrules;
    for (size_t p = 0; p < rs->nprofiles; p++)
        total += rs->profiles[p]->nrules;
    if (!(rs->view = calloc(total ? total : 1, sizeof *rs->view)))
        return arc_err_nomem(err);
    for (size_t i = 0; i < rs->nrules; i++)
        rs->view[rs->nview++] = &rs->rules[i];
    for (size_t p = 0; p < rs->nprofiles; p++) {
        const arc_ruleset *c = rs->profiles[p];
        for (size_t i = 0; i < c->nrules; i++) {
            size_t k = 0;
            while (k < rs->nview && strcmp(rs->view[k]->id, c->rules[i].id))
                k++;
            if (k == rs->nview)
                rs->view[rs->nview++] = &c->rules[i];
        }
    }
    return 0;
}

static int finish(arc_ruleset *rs, arc_error *err)
{
    int rc = add_builtin(rs, err);
    for (size_t p = 0; !rc && p < rs->nprofiles; p++)
        if (strcmp(rs->profiles[p]->profile, rs->profile) == 0)
            rc = arc_err(err, ARC_EPARSE, rs->path, 0, 0,
                         "profiles 中的“%s”与主规则集检查同一文件类型（%s）",
                         rs->profiles[p]->path, rs->profile);
    return rc ? rc : build_view(rs, err);
}

const arc_ruleset *arc_ruleset_for(const arc_ruleset *rs, const char *id)
{
    if (!id)
        return NULL;
    if (strcmp(rs->profile, id) == 0)
        return rs;
    for (size_t p = 0; p < rs->nprofiles; p++)
        if (strcmp(rs->profiles[p]->profile, id) == 0)
            return rs->profiles[p];
    return NULL;
}

size_t arc_ruleset_profile_count(const arc_ruleset *rs)
{
    return 1 + rs->nprofiles;
}

const char *arc_ruleset_profile_id(const arc_ruleset *rs, size_t i)
{
    if (i == 0)
        return rs->profile;
    return i <= rs->nprofiles ? rs->profiles[i - 1]->profile : NULL;
}

int arc_ruleset_load_buffer(arc_ruleset **out, const char *name,
                            const char *yaml, size_t len, arc_error *err)
{
    *out = NULL;
    arc_ruleset *rs = ruleset_new(name);
    if (!rs)
        return arc_err_nomem(err);
    int rc = load_buffer(rs, name, yaml, len, 0, err);
    if (!rc)
        rc = finish(rs, err);
    if (rc) {
        arc_ruleset_free(rs);
        return rc;
    }
    *out = rs;
    return 0;
}

int arc_ruleset_load(arc_ruleset **out, const char *path, arc_error *err)
{
    *out = NULL;
    arc_ruleset *rs = ruleset_new(path);
    if (!rs)
        return arc_err_nomem(err);
    int rc = load_file(rs, path, 0, err);
    if (!rc)
        rc = finish(rs, err);
    if (rc) {
        arc_ruleset_free(rs);
        return rc;
    }
    *out = rs;
    return 0;
}

static void regexes_free(arc_regex **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        arc_regex_free(v[i]);
    free(v);
}

static void rule_free(arc_rule *r)
{
    if (r->kind && r->kind->free)
        r->kind->free(r->params);
    free(r->id);
    free(r->message);
    free(r->description);
    free(r->basis);
    for (size_t k = 0; k < r->nexamples; k++) {
        free(r->examples[k].text);
        free(r->examples[k].file);
    }
    free(r->examples);
    memset(r, 0, sizeof *r);
}

static void part_free(arc_part_def *p)
{
    free(p->id);
    free(p->name);
    regexes_free(p->heading, p->nheading);
    for (size_t a = 0; a < p->nalts; a++)
        regexes_free(p->alt[a], p->nalt[a]);
    free(p->alt);
    free(p->nalt);
    regexes_free(p->prose, p->nprose);
    arc_regex_free(p->exclude);
    memset(p, 0, sizeof *p);
}

void arc_ruleset_free(arc_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->nrules; i++)
        rule_free(&rs->rules[i]);
    free(rs->rules);
    for (size_t i = 0; i < rs->nparts; i++)
        part_free(&rs->parts[i]);
    arc_doc_profile_clear(&rs->doc);
    arc_t2s_close(rs->t2s);
    free(rs->trad_bits);
    arc_corpus_params_free(&rs->corpus);
    for (size_t p = 0; p < rs->nprofiles; p++)
        arc_ruleset_free(rs->profiles[p]);
    free(rs->profiles);
    free(rs->view);
    free(rs->path);
    free(rs->name);
    free(rs->profile);
    free(rs);
}

int arc_ruleset_rule_index(const arc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->nview; i++)
        if (strcmp(rs->view[i]->id, id) == 0)
            return (int)i;
    return -1;
}

/* The rule `id` in rs and in each of its profiles (a shared id is one
 * rule to the user: a configuration changes it everywhere). */
static int each_rule(arc_ruleset *rs, const char *id, int sev, int enabled)
{
    int found = 0;
    for (size_t p = 0; p <= rs->nprofiles; p++) {
        arc_ruleset *s = p ? rs->profiles[p - 1] : rs;
        size_t r = find_rule(s, id);
        if (r == s->nrules || s->rules[r].builtin)
            continue;
        if (sev >= 0)
            s->rules[r].severity = (arc_severity)sev;
        if (enabled >= 0)
            s->rules[r].enabled = enabled;
        found = 1;
    }
    return found ? 0 : ARC_EINVAL;
}

int arc_ruleset_set_severity(arc_ruleset *rs, const char *id, arc_severity sev)
{
    return each_rule(rs, id, (int)sev, -1);
}

int arc_ruleset_set_enabled(arc_ruleset *rs, const char *id, int enabled)
{
    return each_rule(rs, id, -1, enabled ? 1 : 0);
}

int arc_ruleset_set_deadline(arc_ruleset *rs, int month, int day,
                             int year_offset)
{
    if (month < 1 || month > 12 || day < 1 ||
        day > arc_days_in_month(0, month) || year_offset < 0)
        return ARC_EINVAL;
    rs->deadline = (arc_deadline){year_offset, month, day};
    return 0;
}

size_t arc_ruleset_part_count(const arc_ruleset *rs)
{
    return rs->nparts;
}

const char *arc_ruleset_part_id(const arc_ruleset *rs, size_t i)
{
    return i < rs->nparts ? rs->parts[i].id : NULL;
}

const char *arc_ruleset_part_name(const arc_ruleset *rs, size_t i)
{
    return i < rs->nparts ? rs->parts[i].name : NULL;
}

int arc_ruleset_rule_enabled(const arc_ruleset *rs, size_t i)
{
    return i < rs->nview && rs->view[i]->enabled;
}

size_t arc_ruleset_rule_count(const arc_ruleset *rs)
{
    return rs->nview;
}

const char *arc_ruleset_rule_id(const arc_ruleset *rs, size_t i)
{
    return i < rs->nview ? rs->view[i]->id : NULL;
}

const char *arc_ruleset_rule_basis(const arc_ruleset *rs, size_t i)
{
    return i < rs->nview && rs->view[i]->basis ? rs->view[i]->basis : "";
}

const char *arc_ruleset_rule_kind(const arc_ruleset *rs, size_t i)
{
    return i < rs->nview ? rs->view[i]->kind->name : "";
}

const char *arc_ruleset_rule_message(const arc_ruleset *rs, size_t i)
{
    return i < rs->nview && rs->view[i]->message ? rs->view[i]->message : "";
}

size_t arc_ruleset_rule_example_count(const arc_ruleset *rs, size_t i)
{
    return i < rs->nview ? rs->view[i]->nexamples : 0;
}

const char *arc_ruleset_rule_example(const arc_ruleset *rs, size_t i,
                                     size_t k, int *bad)
{
    if (i >= rs->nview || k >= rs->view[i]->nexamples)
        return NULL;
    if (bad)
        *bad = rs->view[i]->examples[k].bad;
    return rs->view[i]->examples[k].text;
}

const char *arc_ruleset_rule_description(const arc_ruleset *rs, size_t i)
{
    if (i >= rs->nview)
        return NULL;
    return rs->view[i]->description ? rs->view[i]->description : "";
}

arc_severity arc_ruleset_rule_severity(const arc_ruleset *rs, size_t i)
{
    return i < rs->nview ? rs->view[i]->severity : ARC_SEV_INFO;
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

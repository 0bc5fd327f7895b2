/* ruleset_doc.c - the rule set's `document:` section: how facts are read
 * (zones, title, document types, year evidence, publication labels).
 * Each key replaces what a base rule set gave it (extends); errors name
 * the file, line and column. */
#include "rules.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char *const doc_keys[] = {
    "chrome",          "widget",         "meta",          "meeting",
    "addressee",       "title_end",      "title_subject", "title_prefix",
    "title_continues", "title_strip",    "max_title_chars",
    "max_heading_chars", "letter",       "signature_mark",
    "published_label", "published_labels", "date_line",   "year",
    "types",           "head_chars",     "cue_chars",     "unit",
    "traditional",
    NULL};
static const char *const letter_keys[] = {"start", "body", "after", "title",
                                          NULL};
static const char *const label_keys[] = {"label", "rank", NULL};
static const char *const date_line_keys[] = {"before", "after", NULL};
static const char *const year_keys[] = {"evidence", "exclude", "min_weight",
                                        NULL};
static const char *const evidence_keys[] = {"from",   "pattern", "weight",
                                            "offset", "source",  NULL};
static const char *const type_keys[] = {"id",    "name",  "title",
                                        "body",  "body_min", "cues",
                                        "masks", "masks_min", "fallback",
                                        "bare", NULL};
static const char *const cue_keys[] = {"pattern", "min", NULL};

/* Compiles `key` of n into *slot, replacing what a base rule set put
 * there; leaves *slot alone when the key is absent. */
static int replace_regex_as(const arc_load_ctx *cx, const arc_node *n,
                            const char *key, unsigned flags, arc_regex **slot)
{
    const arc_node *v = arc_node_get(n, key);
    arc_regex *re = NULL;
    if (!v)
        return 0;
    int rc = arc_node_regex_ex(cx, v, flags, &re);
    if (rc)
        return rc;
    arc_regex_free(*slot);
    *slot = re;
    return 0;
}

static int replace_regex(const arc_load_ctx *cx, const arc_node *n,
                         const char *key, arc_regex **slot)
{
    return replace_regex_as(cx, n, key, 0, slot);
}

/* Patterns seldom matched (rare lines, texts without a title) are not
 * compiled to machine code: see ARC_REGEX_NOJIT. */
#define SELDOM ARC_REGEX_NOJIT

static void patterns_free(arc_pattern_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        arc_regex_free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* A pattern or a list of patterns. */
static int load_patterns(const arc_load_ctx *cx, const arc_node *v,
                         unsigned flags, arc_pattern_list *out)
{
    memset(out, 0, sizeof *out);
    const arc_node *const *items = (const arc_node *const *)&v;
    size_t k = 1;
    if (v->type == ARC_NODE_SEQ) {
        items = (const arc_node *const *)v->items;
        k = v->n;
    } else if (v->type != ARC_NODE_SCALAR) {
        return arc_node_fail(cx, v, "应为正则表达式或正则表达式的列表");
    }
    if (!(out->v = calloc(k ? k : 1, sizeof *out->v)))
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < k; i++) {
        int rc = arc_node_regex_ex(cx, items[i], flags, &out->v[i]);
        if (rc) {
            patterns_free(out);
            return rc;
        }
        out->n++;
    }
    return 0;
}

/* Does a pattern refer to a group by number or name (\1, \g, \k, (?P=)?
 * Joined with others its numbers would change. */
static int refers_to_groups(const char *p)
{
    for (; *p; p++) {
        if (p[0] == '\\' && p[1]) {
            if ((p[1] >= '1' && p[1] <= '9') || p[1] == 'g' || p[1] == 'k')
                return 1;
            p++;
        } else if (strncmp(p, "(?P=", 4) == 0 || strncmp(p, "(?P>", 4) == 0 ||
                   strncmp(p, "(?&", 3) == 0 || strncmp(p, "(?R", 3) == 0 ||
                   (p[0] == '(' && p[1] == '?' && p[2] >= '0' && p[2] <= '9')) {
            return 1;
        }
    }
    return 0;
}

/* One regex for "any of these patterns" (nodes items[0..n), each already
 * checked): one search instead of n.  NULL (and 0) when the patterns do
 * not combine: one refers to groups by number, or names repeat. */
static int union_of(const arc_load_ctx *cx, const arc_node *const *items,
                    size_t n, unsigned flags, arc_regex **out)
{
    *out = NULL;
    arc_buf b = {0};
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (refers_to_groups(items[i]->value)) {
            arc_buf_free(&b);
            return 0;
        }
        rc = arc_buf_printf(&b, "%s(?:%s)", i ? "|" : "", items[i]->value);
    }
    if (rc) {
        arc_buf_free(&b);
        return arc_err_nomem(cx->err);
    }
    char msg[64];
    size_t off;
    rc = arc_regex_compile_ex(out, b.data, b.len, flags, msg, sizeof msg,
                              &off);
    arc_buf_free(&b);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(cx->err);
    return 0; /* a union that does not compile: matched one by one */
}

/* A list of patterns asked only whether any matches (or where the
 * leftmost match is): each is checked (errors point into it), then they
 * are matched as one union when they combine. */
/* Are the parentheses of a pattern balanced (outside classes and
 * escapes)?  Then it cannot close the group that wraps it in a union, and
 * a union that compiles proves each of its patterns. */
static int balanced(const char *p)
{
    int depth = 0, cls = 0;
    for (; *p; p++) {
        if (*p == '\\') {
            if (!p[1])
                return 0;
            p++;
        } else if (cls) {
            cls = *p != ']';
        } else if (*p == '[') {
            cls = 1;
            if (p[1] == '^')
                p++;
            if (p[1] == ']')
                p++;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth < 0) {
            return 0;
        }
    }
    return depth == 0 && !cls;
}

static int load_any(const arc_load_ctx *cx, const arc_node *v,
                    unsigned flags, arc_pattern_list *out)
{
    if (v->type != ARC_NODE_SEQ || v->n < 2)
        return load_patterns(cx, v, flags, out);
    memset(out, 0, sizeof *out);
    int all_balanced = 1;
    for (size_t i = 0; i < v->n; i++) {
        if (v->items[i]->type != ARC_NODE_SCALAR)
            return arc_node_fail(cx, v->items[i], "正则表达式应为字符串");
        all_balanced &= balanced(v->items[i]->value);
    }
    arc_regex *re = NULL;
    int rc = all_balanced ? union_of(cx, (const arc_node *const *)v->items,
                                     v->n, flags, &re)
                          : 0;
    /* No union: each compiled alone (and any error reported there). */
    if (rc || !re)
        return rc ? rc : load_patterns(cx, v, flags, out);
    if (!(out->v = malloc(sizeof *out->v))) {
        arc_regex_free(re);
        return arc_err_nomem(cx->err);
    }
    out->v[0] = re;
    out->n = 1;
    return 0;
}

static int replace_patterns(const arc_load_ctx *cx, const arc_node *n,
                            const char *key, unsigned flags,
                            arc_pattern_list *slot)
{
    const arc_node *v = arc_node_get(n, key);
    if (!v)
        return 0;
    arc_pattern_list l;
    int rc = load_any(cx, v, flags, &l);
    if (rc)
        return rc;
    patterns_free(slot);
    *slot = l;
    return 0;
}


static void cues_free(arc_cue_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        arc_regex_free(l->v[i].re);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Cues: a list of patterns or {pattern, min}.  Each is searched alone:
 * a union of words that start with different Chinese characters would
 * try every alternative at every character. */
static int load_cues(const arc_load_ctx *cx, const arc_node *map,
                     const char *key, unsigned flags, arc_cue_list *out)
{
    memset(out, 0, sizeof *out);
    const arc_node *v = arc_node_get(map, key);
    if (!v)
        return 0;
    if (v->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, v, "%s 应为列表：正则表达式或 {pattern, min}",
                             key);
    if (!(out->v = calloc(v->n ? v->n : 1, sizeof *out->v)))
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < v->n; i++) {
        const arc_node *it = v->items[i];
        arc_cue *c = &out->v[i];
        long min = 1;
        int rc;
        if (it->type == ARC_NODE_MAP) {
            rc = arc_node_keys(cx, it, cue_keys, NULL);
            const arc_node *pat = rc ? NULL : arc_node_get(it, "pattern");
            if (!rc && !pat)
                rc = arc_node_fail(cx, it, "缺少必需的键“pattern”");
            if (!rc)
                rc = arc_node_regex_ex(cx, pat, flags, &c->re);
            if (!rc)
                rc = arc_node_int(cx, it, "min", 0, 1, 1000, &min);
        } else {
            rc = arc_node_regex_ex(cx, it, flags, &c->re);
        }
        if (c->re)
            out->n = i + 1;
        if (rc) {
            cues_free(out);
            return rc;
        }
        c->min = (int)min;
    }
    return 0;
}

/* letter: {start: [patterns], body, after, title} */
static int load_letter(arc_doc_profile *p, const arc_node *n,
                       const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    int rc = arc_node_keys(cx, n, letter_keys, NULL);
    if (!rc)
        rc = replace_patterns(cx, n, "start", SELDOM, &p->letter_start);
    if (!rc)
        rc = replace_regex(cx, n, "body", &p->letter_body);
    if (!rc)
        rc = replace_regex_as(cx, n, "after", SELDOM, &p->letter_after);
    if (!rc)
        rc = replace_regex_as(cx, n, "title", SELDOM, &p->letter_title);
    return rc;
}

/* published_labels: [{label, rank}]; published_label is one label of
 * rank 1. */
static int load_labels(arc_doc_profile *p, const arc_node *n,
                       const arc_load_ctx *cx)
{
    const arc_node *one = arc_node_get(n, "published_label");
    const arc_node *list = arc_node_get(n, "published_labels");
    if (one && list)
        return arc_node_fail(cx, one, "published_label 与 published_labels "
                                      "只能写一个");
    if (!one && !list)
        return 0;
    size_t k = one ? 1 : list->n;
    if (list && (list->type != ARC_NODE_SEQ || !list->n))
        return arc_node_fail(cx, list, "published_labels 应为非空列表："
                                       "{label, rank}");
    arc_pub_label *v = calloc(k, sizeof *v);
    if (!v)
        return arc_err_nomem(cx->err);
    int rc = 0;
    size_t got = 0;
    for (size_t i = 0; !rc && i < k; i++) {
        if (one) {
            rc = arc_node_regex(cx, one, &v[i].re);
            v[i].rank = 1;
        } else {
            const arc_node *it = list->items[i];
            long rank = 0;
            rc = arc_node_keys(cx, it, label_keys, NULL);
            if (!rc)
                rc = arc_node_regex_key(cx, it, "label", 1, &v[i].re);
            if (!rc)
                rc = arc_node_int(cx, it, "rank", 1, 1, 100, &rank);
            v[i].rank = (int)rank;
        }
        if (v[i].re)
            got = i + 1;
    }
    if (rc) {
        for (size_t i = 0; i < got; i++)
            arc_regex_free(v[i].re);
        free(v);
        return rc;
    }
    for (size_t i = 0; i < p->nlabels; i++)
        arc_regex_free(p->labels[i].re);
    free(p->labels);
    p->labels = v;
    p->nlabels = k;
    return 0;
}

static int load_date_line(arc_doc_profile *p, const arc_node *n,
                          const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    int rc = arc_node_keys(cx, n, date_line_keys, NULL);
    if (!rc)
        rc = replace_regex_as(cx, n, "before", SELDOM, &p->date_before);
    if (!rc)
        rc = replace_regex_as(cx, n, "after", SELDOM, &p->date_after);
    return rc;
}

/* A name from a fixed list, as its index. */
static int choice(const arc_load_ctx *cx, const arc_node *map,
                  const char *key, const char *const *names, int *out)
{
    char *v = NULL;
    int rc = arc_node_str(cx, map, key, 1, &v);
    if (rc)
        return rc;
    for (int i = 0; names[i]; i++)
        if (strcmp(v, names[i]) == 0) {
            *out = i;
            free(v);
            return 0;
        }
    arc_buf b = {0};
    for (int i = 0; names[i]; i++)
        arc_buf_printf(&b, "%s%s", i ? "、" : "", names[i]);
    rc = arc_node_fail(cx, arc_node_get(map, key), "%s 应为 %s 之一", key,
                       b.data ? b.data : "");
    arc_buf_free(&b);
    free(v);
    return rc;
}

/* year: {evidence: [{from, pattern, weight, offset, source}], exclude,
 * min_weight} */
static int load_year(arc_doc_profile *p, const arc_node *n,
                     const arc_load_ctx *cx)
{
    static const char *const froms[] = {"title", "opening", "heading", NULL};
    static const char *const sources[] = {"title", "opening", "reported",
                                          "headings", NULL};
    static const arc_year_source source_of[] = {
        ARC_YEAR_TITLE, ARC_YEAR_OPENING, ARC_YEAR_REPORTED,
        ARC_YEAR_HEADINGS};
    if (!n)
        return 0;
    int rc = arc_node_keys(cx, n, year_keys, NULL);
    long min = p->year_min_weight;
    if (!rc)
        rc = arc_node_int(cx, n, "min_weight", 0, 1, 1000, &min);
    if (!rc)
        rc = replace_patterns(cx, n, "exclude", 0, &p->year_exclude);
    if (rc)
        return rc;
    p->year_min_weight = (int)min;
    const arc_node *ev = arc_node_get(n, "evidence");
    if (!ev)
        return 0;
    if (ev->type != ARC_NODE_SEQ || !ev->n)
        return arc_node_fail(cx, ev, "evidence 应为非空列表："
                                     "{from, pattern, weight, source}");
    arc_year_rule *v = calloc(ev->n, sizeof *v);
    if (!v)
        return arc_err_nomem(cx->err);
    size_t got = 0;
    for (size_t i = 0; !rc && i < ev->n; i++) {
        const arc_node *it = ev->items[i];
        long weight = 0, offset = 0;
        int from = 0, src = 0;
        rc = arc_node_keys(cx, it, evidence_keys, NULL);
        if (!rc)
            rc = choice(cx, it, "from", froms, &from);
        if (!rc)
            rc = arc_node_regex_key(cx, it, "pattern", 1, &v[i].re);
        if (v[i].re)
            got = i + 1;
        if (!rc)
            rc = arc_node_int(cx, it, "weight", 1, 1, 100, &weight);
        if (!rc)
            rc = arc_node_int(cx, it, "offset", 0, -5, 5, &offset);
        if (!rc)
            rc = choice(cx, it, "source", sources, &src);
        if (rc)
            break;
        v[i].from = (arc_ev_zone)from;
        v[i].weight = (int)weight;
        v[i].offset = (int)offset;
        v[i].source = source_of[src];
        v[i].group = arc_regex_group(v[i].re, "year");
    }
    if (rc) {
        for (size_t i = 0; i < got; i++)
            arc_regex_free(v[i].re);
        free(v);
        return rc;
    }
    for (size_t i = 0; i < p->nyear_rules; i++)
        arc_regex_free(p->year_rules[i].re);
    free(p->year_rules);
    p->year_rules = v;
    p->nyear_rules = ev->n;
    return 0;
}

static int load_type(arc_doc_type *ty, const arc_node *n,
                     const arc_load_ctx *cx)
{
    long body_min = 1, masks_min = 2;
    int rc = arc_node_keys(cx, n, type_keys, NULL);
    if (!rc)
        rc = arc_node_str(cx, n, "id", 1, &ty->id);
    if (!rc && !ty->id[0])
        rc = arc_node_fail(cx, arc_node_get(n, "id"), "id 不能为空");
    if (!rc)
        rc = arc_node_str(cx, n, "name", 1, &ty->name);
    if (!rc)
        rc = arc_node_regex_key(cx, n, "title", 0, &ty->title);
    if (!rc)
        rc = load_cues(cx, n, "body", SELDOM, &ty->body);
    if (!rc)
        rc = arc_node_int(cx, n, "body_min", 0, 1, 100, &body_min);
    if (!rc)
        rc = load_cues(cx, n, "cues", 0, &ty->cues);
    if (!rc && arc_node_get(n, "masks"))
        rc = load_patterns(cx, arc_node_get(n, "masks"), 0, &ty->masks);
    if (!rc)
        rc = arc_node_int(cx, n, "masks_min", 0, 1, 100, &masks_min);
    if (!rc)
        rc = arc_node_bool(cx, n, "fallback", &ty->fallback);
    if (!rc)
        rc = arc_node_bool(cx, n, "bare", &ty->bare);
    ty->body_min = (int)body_min;
    ty->masks_min = (int)masks_min;
    return rc;
}

/* types: the document types, tried in order (see rules/README.md). */
static int load_types(arc_doc_profile *p, const arc_node *n,
                      const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    if (n->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, n, "types 应为列表：{id, name, title, …}");
    arc_doc_type *v = calloc(n->n ? n->n : 1, sizeof *v);
    if (!v)
        return arc_err_nomem(cx->err);
    int rc = 0, fallback = -1, bare = -1;
    for (size_t i = 0; !rc && i < n->n; i++) {
        rc = load_type(&v[i], n->items[i], cx);
        if (!rc && v[i].fallback) {
            if (fallback >= 0)
                rc = arc_node_fail(cx, n->items[i],
                                   "只能有一个类型设 fallback: true");
            fallback = (int)i;
        }
        if (!rc && v[i].bare) {
            if (bare >= 0)
                rc = arc_node_fail(cx, n->items[i],
                                   "只能有一个类型设 bare: true");
            bare = (int)i;
        }
    }
    if (rc) {
        for (size_t i = 0; i < n->n; i++)
            arc_doc_type_clear(&v[i]);
        free(v);
        return rc;
    }
    for (size_t i = 0; i < p->ntypes; i++)
        arc_doc_type_clear(&p->types[i]);
    free(p->types);
    p->types = v;
    p->ntypes = n->n;
    return 0;
}

int arc_load_document(arc_doc_profile *p, const arc_node *n,
                      const arc_load_ctx *cx)
{
    if (!n)
        return 0;
    long v;
    int rc = arc_node_keys(cx, n, doc_keys, NULL);
    if (!rc)
        rc = replace_patterns(cx, n, "chrome", 0, &p->chrome);
    if (!rc)
        rc = replace_regex(cx, n, "widget", &p->widget);
    if (!rc)
        rc = replace_patterns(cx, n, "meta", 0, &p->meta);
    if (!rc)
        rc = replace_patterns(cx, n, "meeting", SELDOM, &p->meeting);
    if (!rc)
        rc = replace_regex_as(cx, n, "addressee", SELDOM, &p->addressee);
    if (!rc)
        rc = replace_regex(cx, n, "title_end", &p->title_end);
    if (!rc)
        rc = replace_regex(cx, n, "title_subject", &p->title_subject);
    if (!rc)
        rc = replace_regex(cx, n, "title_prefix", &p->title_prefix);
    if (!rc)
        rc = replace_regex_as(cx, n, "title_continues", SELDOM,
                              &p->title_continues);
    if (!rc)
        rc = replace_regex(cx, n, "title_strip", &p->title_strip);
    if (!rc)
        rc = load_letter(p, arc_node_get(n, "letter"), cx);
    if (!rc)
        rc = replace_regex_as(cx, n, "signature_mark", SELDOM,
                              &p->signature_mark);
    if (!rc)
        rc = load_labels(p, n, cx);
    if (!rc)
        rc = load_date_line(p, arc_node_get(n, "date_line"), cx);
    if (!rc)
        rc = load_year(p, arc_node_get(n, "year"), cx);
    if (!rc)
        rc = load_types(p, arc_node_get(n, "types"), cx);
    if (!rc) {
        const arc_node *u = arc_node_get(n, "unit");
        arc_regex *re = NULL;
        if (u && !(rc = arc_node_regex(cx, u, &re)) &&
            arc_regex_group(re, "unit") < 0) {
            arc_regex_free(re);
            re = NULL;
            rc = arc_node_fail(cx, u, "unit 模式缺少命名分组 (?<unit>…)");
        }
        if (!rc && u) {
            arc_regex_free(p->unit);
            p->unit = re;
        }
    }
    v = (long)p->max_title_chars;
    if (!rc && !(rc = arc_node_int(cx, n, "max_title_chars", 0, 1, 1000, &v)))
        p->max_title_chars = (size_t)v;
    v = (long)p->max_heading_chars;
    if (!rc &&
        !(rc = arc_node_int(cx, n, "max_heading_chars", 0, 1, 1000, &v)))
        p->max_heading_chars = (size_t)v;
    v = (long)p->head_chars;
    if (!rc && !(rc = arc_node_int(cx, n, "head_chars", 0, 100, 100000, &v)))
        p->head_chars = (size_t)v;
    v = (long)p->cue_chars;
    if (!rc && !(rc = arc_node_int(cx, n, "cue_chars", 0, 50, 100000, &v)))
        p->cue_chars = (size_t)v;
    return rc;
}

/* rules_corpus.c - the rule set's `corpus` section: how reports are
 * compared across a batch (fingerprint size, boilerplate, unit names,
 * legitimate mentions of last year, words that say nothing about a plan
 * item).  A rule set that extends another overrides it key by key. */
#include "rules.h"

#include "fingerprint.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char *const top_keys[] = {"fingerprint", "boilerplate", "units",
                                       "years", "plan", NULL};
static const char *const fp_keys[] = {"k", "window", NULL};
static const char *const bp_keys[] = {"share", "min_reports", "passages",
                                      NULL};
static const char *const unit_keys[] = {"strip", "aliases", NULL};
static const char *const year_keys[] = {"allow", NULL};
static const char *const plan_keys[] = {"part", "measures", "stopwords",
                                        NULL};

void arc_corpus_params_init(arc_corpus_params *p)
{
    memset(p, 0, sizeof *p);
    p->k = 15;
    p->window = 32;
    p->share = 0.05;
    p->min_reports = 20;
}

static void regexes_free(arc_regex **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        arc_regex_free(v[i]);
    free(v);
}

void arc_corpus_params_free(arc_corpus_params *p)
{
    free(p->passages);
    arc_strs_free(p->passage_text, p->npassage_text);
    arc_regex_free(p->unit_strip);
    arc_strs_free(p->alias_from, p->naliases);
    arc_strs_free(p->alias_to, p->naliases);
    regexes_free(p->year_allow, p->nyear_allow);
    free(p->plan_part);
    arc_strs_free(p->measures_parts, p->nmeasures_parts);
    free(p->stop_bits);
    memset(p, 0, sizeof *p);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The k-gram hashes of the listed passages (all k-grams, not only the
 * winnowed ones: any fingerprint inside such a passage is ignored). */
static int passage_hashes(arc_corpus_params *p)
{
    free(p->passages);
    p->passages = NULL;
    p->npassages = 0;
    size_t cap = 0, hcap = 0;
    arc_kept k = {0};
    uint32_t *h = NULL;
    int rc = 0;
    for (size_t i = 0; !rc && i < p->npassage_text; i++) {
        const char *s = p->passage_text[i];
        size_t n = 0;
        rc = arc_kept_build(&k, s, 0, strlen(s), NULL, 0);
        if (!rc)
            rc = arc_kgram_hashes(&k, p->k, &h, &hcap, &n);
        if (!rc && arc_grow((void **)&p->passages, &cap, p->npassages + n + 1,
                            sizeof *p->passages))
            rc = ARC_ENOMEM;
        if (!rc && n) {
            memcpy(p->passages + p->npassages, h, n * sizeof *h);
            p->npassages += n;
        }
    }
    arc_kept_free(&k);
    free(h);
    if (rc)
        return rc;
    if (p->npassages > 1) {
        qsort(p->passages, p->npassages, sizeof *p->passages, cmp_u32);
        size_t out = 1;
        for (size_t i = 1; i < p->npassages; i++)
            if (p->passages[i] != p->passages[out - 1])
                p->passages[out++] = p->passages[i];
        p->npassages = out;
    }
    memset(p->passage_bits, 0, sizeof p->passage_bits);
    for (size_t i = 0; i < p->npassages; i++)
        p->passage_bits[p->passages[i] >> 26] |= 1ULL
                                                 << (p->passages[i] >> 20 & 63);
    return 0;
}

static int load_boilerplate(arc_corpus_params *p, const arc_node *n,
                            const arc_load_ctx *cx)
{
    long v = (long)p->min_reports;
    int rc = arc_node_keys(cx, n, bp_keys, NULL);
    if (!rc)
        rc = arc_node_fraction(cx, n, "share", 0, &p->share);
    if (!rc && !(rc = arc_node_int(cx, n, "min_reports", 0, 2, 1000000, &v)))
        p->min_reports = (size_t)v;
    if (!rc && arc_node_get(n, "passages")) {
        char **t = NULL;
        size_t nt = 0;
        if (!(rc = arc_node_strs(cx, n, "passages", 0, &t, &nt))) {
            arc_strs_free(p->passage_text, p->npassage_text);
            p->passage_text = t;
            p->npassage_text = nt;
        }
    }
    return rc;
}

/* aliases: a list of lists, each [current name, earlier name, ...]. */
static int load_units(arc_corpus_params *p, const arc_node *n,
                      const arc_load_ctx *cx)
{
    int rc = arc_node_keys(cx, n, unit_keys, NULL);
    const arc_node *s = arc_node_get(n, "strip");
    if (!rc && s) {
        arc_regex *re = NULL;
        if (!(rc = arc_node_regex(cx, s, &re))) {
            arc_regex_free(p->unit_strip);
            p->unit_strip = re;
        }
    }
    const arc_node *a = arc_node_get(n, "aliases");
    if (rc || !a)
        return rc;
    if (a->type != ARC_NODE_SEQ)
        return arc_node_fail(cx, a, "aliases 应为列表的列表：[现名, 曾用名, …]");
    arc_strs_free(p->alias_from, p->naliases);
    arc_strs_free(p->alias_to, p->naliases);
    p->alias_from = p->alias_to = NULL;
    p->naliases = 0;
    size_t total = 0;
    for (size_t i = 0; i < a->n; i++) {
        const arc_node *g = a->items[i];
        if (g->type != ARC_NODE_SEQ || g->n < 2)
            return arc_node_fail(cx, g, "每组别名应为至少两个名称的列表："
                                        "[现名, 曾用名, …]");
        total += g->n - 1;
    }
    p->alias_from = calloc(total + 1, sizeof *p->alias_from);
    p->alias_to = calloc(total + 1, sizeof *p->alias_to);
    if (!p->alias_from || !p->alias_to)
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < a->n; i++) {
        const arc_node *g = a->items[i];
        for (size_t j = 0; j < g->n; j++)
            if (g->items[j]->type != ARC_NODE_SCALAR)
                return arc_node_fail(cx, g->items[j], "单位名称应为字符串");
        for (size_t j = 1; j < g->n; j++) {
            char *from = arc_strndup(g->items[j]->value, g->items[j]->len);
            char *to = arc_strndup(g->items[0]->value, g->items[0]->len);
            p->alias_from[p->naliases] = from;
            p->alias_to[p->naliases] = to;
            p->naliases++;
            if (!from || !to)
                return arc_err_nomem(cx->err);
        }
    }
    return 0;
}

static int load_years(arc_corpus_params *p, const arc_node *n,
                      const arc_load_ctx *cx)
{
    int rc = arc_node_keys(cx, n, year_keys, NULL);
    const arc_node *a = arc_node_get(n, "allow");
    if (rc || !a)
        return rc;
    const arc_node *const *items = (const arc_node *const *)&a;
    size_t k = 1;
    if (a->type == ARC_NODE_SEQ) {
        items = (const arc_node *const *)a->items;
        k = a->n;
    }
    arc_regex **v = calloc(k ? k : 1, sizeof *v);
    if (!v)
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < k; i++) {
        /* Checked as written (errors point into it), then compiled
         * anchored with \G: JIT code for an anchored pattern, where a
         * match-time anchor would fall back to the interpreter. */
        arc_regex *check = NULL;
        arc_buf b = {0};
        char msg[256];
        size_t off;
        if (!(rc = arc_node_regex(cx, items[i], &check)) &&
            (arc_buf_puts(&b, "\\G(?:") ||
             arc_buf_append(&b, items[i]->value, items[i]->len) ||
             arc_buf_puts(&b, ")") ||
             arc_regex_compile(&v[i], b.data, b.len, msg, sizeof msg, &off)))
            rc = arc_err_nomem(cx->err);
        arc_regex_free(check);
        arc_buf_free(&b);
        if (rc) {
            regexes_free(v, i + 1);
            return rc;
        }
    }
    regexes_free(p->year_allow, p->nyear_allow);
    p->year_allow = v;
    p->nyear_allow = k;
    return 0;
}

static int part_id(arc_ruleset *rs, const arc_node *n, const char *key,
                   char **slot, const arc_load_ctx *cx);

static int load_plan(arc_ruleset *rs, const arc_node *n,
                     const arc_load_ctx *cx)
{
    arc_corpus_params *p = &rs->corpus;
    char **w = NULL;
    size_t nw = 0;
    int rc = arc_node_keys(cx, n, plan_keys, NULL);
    if (!rc)
        rc = part_id(rs, n, "part", &p->plan_part, cx);
    if (!rc && arc_node_get(n, "measures")) {
        char **ids = NULL;
        size_t nids = 0;
        rc = arc_node_strs(cx, n, "measures", 0, &ids, &nids);
        for (size_t i = 0; !rc && i < nids; i++)
            if (arc_ruleset_part(rs, ids[i]) < 0)
                rc = arc_node_fail(cx,
                                   arc_node_item(arc_node_get(n, "measures"), i),
                                   "“%s”不是 parts 中定义的部分", ids[i]);
        if (rc) {
            arc_strs_free(ids, nids);
        } else {
            arc_strs_free(p->measures_parts, p->nmeasures_parts);
            p->measures_parts = ids;
            p->nmeasures_parts = nids;
        }
    }
    if (rc || !arc_node_get(n, "stopwords"))
        return rc;
    if ((rc = arc_node_strs(cx, n, "stopwords", 0, &w, &nw)))
        return rc;
    uint64_t *bits = calloc(ARC_BITS16_WORDS, sizeof *bits);
    uint64_t *seen = calloc(ARC_BITS16_WORDS, sizeof *seen);
    uint16_t *v = NULL;
    size_t cap = 0;
    arc_kept k = {0};
    if (!bits || !seen)
        rc = arc_err_nomem(cx->err);
    for (size_t i = 0; !rc && i < nw; i++) {
        size_t nv = 0;
        if (arc_kept_build(&k, w[i], 0, strlen(w[i]), NULL, 0) ||
            arc_bigrams(&k, 0, k.n, NULL, seen, &v, &nv, &cap))
            rc = arc_err_nomem(cx->err);
        for (size_t j = 0; !rc && j < nv; j++)
            bits[v[j] >> 6] |= 1ULL << (v[j] & 63);
    }
    arc_kept_free(&k);
    arc_strs_free(w, nw);
    free(v);
    free(seen);
    if (rc) {
        free(bits);
        return rc;
    }
    free(p->stop_bits);
    p->stop_bits = bits;
    return 0;
}

/* A part id under key must name one of rs's parts. */
static int part_id(arc_ruleset *rs, const arc_node *n, const char *key,
                   char **slot, const arc_load_ctx *cx)
{
    char *id = NULL;
    int rc = arc_node_str(cx, n, key, 0, &id);
    if (rc || !id)
        return rc;
    if (arc_ruleset_part(rs, id) < 0) {
        rc = arc_node_fail(cx, arc_node_get(n, key),
                           "“%s”不是 parts 中定义的部分", id);
        free(id);
        return rc;
    }
    free(*slot);
    *slot = id;
    return 0;
}

int arc_corpus_params_load(arc_ruleset *rs, const arc_node *n,
                           const arc_load_ctx *cx)
{
    arc_corpus_params *p = &rs->corpus;
    if (!n)
        return 0;
    int rc = arc_node_keys(cx, n, top_keys, NULL);
    const arc_node *f = arc_node_get(n, "fingerprint");
    if (!rc && f) {
        long k = p->k, w = p->window;
        rc = arc_node_keys(cx, f, fp_keys, NULL);
        if (!rc)
            rc = arc_node_int(cx, f, "k", 0, 4, 100, &k);
        if (!rc)
            rc = arc_node_int(cx, f, "window", 0, 1, 1000, &w);
        p->k = (unsigned)k;
        p->window = (unsigned)w;
    }
    const arc_node *b = arc_node_get(n, "boilerplate");
    if (!rc && b)
        rc = load_boilerplate(p, b, cx);
    const arc_node *u = arc_node_get(n, "units");
    if (!rc && u)
        rc = load_units(p, u, cx);
    const arc_node *y = arc_node_get(n, "years");
    if (!rc && y)
        rc = load_years(p, y, cx);
    const arc_node *pl = arc_node_get(n, "plan");
    if (!rc && pl)
        rc = load_plan(rs, pl, cx);
    /* The passages' hashes depend on k, which this file may have changed
     * even where the passages came from a base. */
    if (!rc && passage_hashes(p))
        rc = arc_err_nomem(cx->err);
    return rc;
}

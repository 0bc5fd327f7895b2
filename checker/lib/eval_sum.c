/* sum: a total and its listed parts must add up.  YAML patterns find the
 * total (named group `total`) and the list (`parts`); the arithmetic is
 * here.  Where the list says it is partial (等, 主要 …) the parts must only
 * not exceed the total.  Bracketed sub-counts (含区政府11件, found by the
 * `subcount` pattern with groups `label` and `n`) form sums of their own. */
#include "eval_util.h"

#include "extract.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_regex *re;
    int total, parts; /* group numbers */
    long min_parts;
} sum_pattern;

typedef struct {
    sum_pattern *v;
    size_t n;
    arc_regex *subcount;
    int sub_label, sub_n;
    arc_regex *partial;
    char *message_partial;
    char *message_sub;
} params;

static const char *const keys[] = {"patterns", "subcount", "partial",
                                   "message_partial", "message_sub", NULL};
static const char *const pattern_keys[] = {"match", "min_parts", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++)
        arc_regex_free(ps->v[i].re);
    free(ps->v);
    arc_regex_free(ps->subcount);
    arc_regex_free(ps->partial);
    free(ps->message_partial);
    free(ps->message_sub);
    free(ps);
}

static int group(const arc_load_ctx *cx, const arc_node *n, const arc_regex *re,
                 const char *name, int *out)
{
    *out = arc_regex_group(re, name);
    return *out < 0 ? arc_node_fail(cx, n, "模式缺少命名分组 (?<%s>…)", name)
                    : 0;
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    const arc_node *pats = arc_node_get(node, "patterns");
    if (!pats || pats->type != ARC_NODE_SEQ || !pats->n)
        return arc_node_fail(cx, pats ? pats : node,
                             "patterns 应为非空列表（match, min_parts）");
    if (!(ps->v = calloc(pats->n, sizeof *ps->v)))
        return arc_err_nomem(cx->err);
    int rc = 0;
    for (size_t i = 0; i < pats->n && !rc; i++) {
        const arc_node *p = pats->items[i];
        sum_pattern *sp = &ps->v[i];
        sp->min_parts = 2;
        rc = arc_node_keys(cx, p, pattern_keys, NULL);
        if (!rc)
            rc = arc_node_regex_key(cx, p, "match", 1, &sp->re);
        ps->n = i + 1;
        if (!rc)
            rc = arc_node_int(cx, p, "min_parts", 0, 1, 50, &sp->min_parts);
        if (!rc)
            rc = group(cx, p, sp->re, "total", &sp->total);
        if (!rc)
            rc = group(cx, p, sp->re, "parts", &sp->parts);
    }
    if (!rc)
        rc = arc_node_regex_key(cx, node, "subcount", 0, &ps->subcount);
    if (!rc && ps->subcount) {
        const arc_node *n = arc_node_get(node, "subcount");
        rc = group(cx, n, ps->subcount, "label", &ps->sub_label);
        if (!rc)
            rc = group(cx, n, ps->subcount, "n", &ps->sub_n);
    }
    if (!rc && arc_node_get(node, "partial"))
        rc = arc_node_words(cx, arc_node_get(node, "partial"), &ps->partial);
    if (!rc)
        rc = arc_node_str(cx, node, "message_partial", 1,
                          &ps->message_partial);
    if (!rc && ps->subcount)
        rc = arc_node_str(cx, node, "message_sub", 1, &ps->message_sub);
    return rc;
}

#define MAX_PARTS 32

typedef struct {
    size_t label_s, label_e;
    double n;
} sub;

typedef struct {
    arc_num total;
    sub total_sub[4];
    size_t ntotal_sub;
    double value[MAX_PARTS];
    int decimals;
    size_t nparts;
    sub subs[MAX_PARTS];
    size_t nsubs;
    size_t list_end; /* end of the last part's chunk */
    int approx;
} list;

/* Sub-counts in [s, e). */
static size_t find_subs(const params *ps, arc_eval *ctx, size_t s, size_t e,
                        sub *out, size_t max)
{
    size_t n = 0, ms, me;
    const char *t = ctx->doc->text.norm;
    while (ps->subcount && n < max &&
           arc_eval_search(ctx, ps->subcount, s, e, &ms, &me)) {
        size_t ls, le, ns, ne;
        arc_num num;
        if (arc_matcher_group(ctx->m, ps->sub_label, &ls, &le) &&
            arc_matcher_group(ctx->m, ps->sub_n, &ns, &ne) &&
            arc_num_at(t, ne, ns, &num) && !num.approx)
            out[n++] = (sub){ls, le, num.value};
        s = me > ms ? me : arc_next_char(ctx, ms);
    }
    return n;
}

/* Splits [s, e) at 、 , ; outside brackets and reads each chunk's count. */
static void read_parts(const params *ps, arc_eval *ctx, size_t s, size_t e,
                       list *l)
{
    const char *t = ctx->doc->text.norm;
    size_t cs = s;
    int depth = 0;
    for (size_t i = s; i <= e; i++) {
        int sep = i == e;
        if (!sep) {
            if (t[i] == '(')
                depth++;
            else if (t[i] == ')' && depth > 0)
                depth--;
            sep = depth == 0 &&
                  (t[i] == ',' || t[i] == ';' ||
                   (i + 3 <= e && memcmp(t + i, "\xE3\x80\x81", 3) == 0));
        }
        if (!sep)
            continue;
        /* The chunk's first count outside brackets.  The bracket depth
         * before each number is carried on from the number before (a
         * chunk may hold many bracketed numbers). */
        size_t pos = cs, q = cs;
        arc_num num;
        int found = 0, d = 0;
        arc_work *w = arc_matcher_work(ctx->m);
        while (arc_num_next(t, i, &pos, &num)) {
            w->scanned += num.start > q ? num.start - q : q - num.start;
            for (; q < num.start; q++)
                d += t[q] == '(' ? 1 : t[q] == ')' ? -1 : 0;
            for (; q > num.start; q--) /* 约/近 belong to the number */
                d -= t[q - 1] == '(' ? 1 : t[q - 1] == ')' ? -1 : 0;
            if (d > 0)
                continue;
            found = 1;
            break;
        }
        size_t ulen = l->total.unit_end - l->total.unit_start;
        if (!found || num.percent || num.points || num.ordinal ||
            !(num.unit_end == num.unit_start ||
              arc_num_unit_is(&num, t, t + l->total.unit_start, ulen)) ||
            l->nparts == MAX_PARTS)
            return;
        l->approx |= num.approx;
        if (num.decimals > l->decimals)
            l->decimals = num.decimals;
        l->value[l->nparts++] = num.value;
        l->nsubs += find_subs(ps, ctx, cs, i, l->subs + l->nsubs,
                              MAX_PARTS - l->nsubs);
        l->list_end = i;
        if (i < e && t[i] == '\xE3')
            i += 2;
        cs = i + 1;
    }
}

static int same(const char *t, const sub *a, const sub *b)
{
    return a->label_e - a->label_s == b->label_e - b->label_s &&
           memcmp(t + a->label_s, t + b->label_s, a->label_e - a->label_s) == 0;
}

static void join_parts(const list *l, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < l->nparts && n + 24 < size; i++) {
        char v[32];
        arc_fmt_num(v, sizeof v, l->value[i]);
        n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "+" : "", v);
    }
}

static int check_list(const params *ps, const sum_pattern *sp, arc_eval *ctx,
                      const arc_rule *r, size_t ms, list *l)
{
    const char *t = ctx->doc->text.norm;
    if (l->approx || l->total.approx || (long)l->nparts < sp->min_parts)
        return 0;
    double sum = 0, tol = 0.5 * pow(10, -(l->decimals > l->total.decimals
                                                ? l->decimals
                                                : l->total.decimals));
    for (size_t i = 0; i < l->nparts; i++)
        sum += l->value[i];
    size_t me2;
    size_t pm;
    int partial = ps->partial && arc_eval_search(ctx, ps->partial,
                                                 l->total.end, l->list_end,
                                                 &pm, &me2);
    int rc = 0;
    if (partial ? sum > l->total.value + tol
                : fabs(sum - l->total.value) > tol) {
        char total[32], got[32], parts[512];
        arc_fmt_num(total, sizeof total, l->total.value);
        arc_fmt_num(got, sizeof got, sum);
        join_parts(l, parts, sizeof parts);
        arc_var v[] = {{"total", total}, {"sum", got}, {"parts", parts}};
        rc = arc_emit_as(ctx, r, r->severity,
                         partial ? ps->message_partial : r->message, -1, ms,
                         l->list_end, v, 3);
    }
    /* Each sub-count of the total against the parts' sub-counts. */
    for (size_t k = 0; !rc && k < l->ntotal_sub; k++) {
        const sub *ts = &l->total_sub[k];
        double s = 0;
        size_t have = 0;
        for (size_t j = 0; j < l->nsubs; j++)
            if (same(t, ts, &l->subs[j]))
                s += l->subs[j].n, have++;
        if (!have || !(s > ts->n + tol || (s < ts->n - tol &&
                                          have == l->nparts && !partial)))
            continue;
        char label[128], st[32], ss[32];
        size_t ln = ts->label_e - ts->label_s;
        snprintf(label, sizeof label, "%.*s", (int)(ln < 100 ? ln : 100),
                 t + ts->label_s);
        arc_fmt_num(st, sizeof st, ts->n);
        arc_fmt_num(ss, sizeof ss, s);
        arc_var sv[] = {{"label", label}, {"total", st}, {"sum", ss}};
        rc = arc_emit_as(ctx, r, r->severity, ps->message_sub, -1, ms,
                         l->list_end, sv, 3);
    }
    return rc;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len;
    size_t seen[64], nseen = 0; /* totals already checked */
    for (size_t i = 0; i < ps->n; i++) {
        const sum_pattern *sp = &ps->v[i];
        size_t pos = 0, ms, me;
        while (arc_eval_search(ctx, sp->re, pos, len, &ms, &me)) {
            pos = me > ms ? me : arc_next_char(ctx, ms);
            size_t ts, te, ps_, pe;
            list l;
            memset(&l, 0, sizeof l);
            if (!arc_matcher_group(ctx->m, sp->total, &ts, &te) ||
                !arc_matcher_group(ctx->m, sp->parts, &ps_, &pe) ||
                !arc_num_at(t, len, ts, &l.total))
                continue;
            int dup = 0;
            for (size_t k = 0; k < nseen; k++)
                dup |= seen[k] == ts;
            if (dup)
                continue;
            if (nseen < ARC_ARRAY_LEN(seen))
                seen[nseen++] = ts;
            l.decimals = l.total.decimals;
            l.ntotal_sub = find_subs(ps, ctx, l.total.end, ps_, l.total_sub,
                                     ARC_ARRAY_LEN(l.total_sub));
            read_parts(ps, ctx, ps_, pe, &l);
            int rc = check_list(ps, sp, ctx, r, ms, &l);
            if (rc)
                return rc;
        }
    }
    return 0;
}

const arc_kind arc_kind_sum = {
    .name = "sum",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

/* sum: a total and its listed parts must add up.  YAML patterns find the
 * total (named group `total`) and the list (`parts`); the arithmetic is
 * here.  Where the list says it is partial (等, 主要 …) the parts must only
 * not exceed the total.  Bracketed sub-counts (含区政府11件, found by the
 * `subcount` pattern with groups `label` and `n`) form sums of their own.
 *
 * A pattern with `total_before` finds only the parts, in the sentence after
 * the total ("全年评估12项。评估结果为优秀5项…"): the total is the count that
 * ends the sentence before the match, and it must be that sentence's only
 * count.  `max_name` caps the words before each part's count (a part that
 * is a whole clause, "通过网站公布要闻518条", is no item of a breakdown).
 *
 * `counts` patterns hold a stated number of items (group `n`: 等4项, or
 * without it the count ending where the match starts: 三个|方面) and either
 * the 、-list before it (group `items`, read back from the match to the
 * clause start) or the 一是、二是 points after it (group `points`); one
 * pattern may hold both in alternative branches; a 、-list holding a
 * `nested` word (和, 及: a list inside an item) is left alone.  Listing more items than stated is a slip; listing fewer is
 * one only for points that end the paragraph without the next point (等
 * may leave items unnamed). */
#include "eval_util.h"

#include "extract.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_regex *re;
    int total, parts; /* group numbers; total -1 with total_before */
    long min_parts;
    int total_before;
    long max_name; /* characters before a part's count; 0: any */
} sum_pattern;

typedef struct {
    sum_pattern *v;
    size_t n;
    arc_regex *subcount;
    int sub_label, sub_n;
    arc_regex *partial;
    char *message_partial;
    char *message_sub;
    arc_regexes counts;
    arc_regex *nested; /* words that make a 、-list ambiguous */
    char *message_count;
} params;

static const char *const keys[] = {"patterns",    "subcount",
                                   "partial",     "message_partial",
                                   "message_sub", "counts",
                                   "message_count", "nested", NULL};
static const char *const pattern_keys[] = {"match", "min_parts",
                                           "total_before", "max_name", NULL};

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
    arc_regexes_free(&ps->counts);
    arc_regex_free(ps->nested);
    free(ps->message_count);
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
            rc = arc_node_bool(cx, p, "total_before", &sp->total_before);
        if (!rc)
            rc = arc_node_int(cx, p, "max_name", 0, 0, 100, &sp->max_name);
        sp->total = -1;
        if (!rc && !sp->total_before)
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
    if (!rc)
        rc = arc_regexes_load(&ps->counts, cx, node, "counts", 0);
    for (size_t i = 0; !rc && i < ps->counts.n; i++) {
        const arc_regex *re = ps->counts.v[i];
        if (arc_regex_group(re, "items") < 0 &&
            arc_regex_group(re, "points") < 0)
            rc = arc_node_fail(cx, arc_node_get(node, "counts"),
                               "第 %zu 个模式应有分组 (?<items>…) 或 "
                               "(?<points>…)",
                               i + 1);
    }
    if (!rc && ps->counts.n)
        rc = arc_node_str(cx, node, "message_count", 1, &ps->message_count);
    if (!rc && arc_node_get(node, "nested"))
        rc = arc_node_words(cx, arc_node_get(node, "nested"), &ps->nested);
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
static void read_parts(const params *ps, const sum_pattern *sp,
                       arc_eval *ctx, size_t s, size_t e, list *l)
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
        size_t lead = cs;
        while (lead < num.start && (t[lead] == ' ' || t[lead] == ':'))
            lead++;
        if (found && sp->max_name &&
            arc_utf8_count(t + lead, num.start - lead) > (size_t)sp->max_name)
            return;
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

/* Units of time: a year or a date in a sentence is not a count. */
static int time_unit(const arc_num *n, const char *t)
{
    static const char *const units[] = {"\xE5\xB9\xB4", "\xE6\x9C\x88",
                                        "\xE6\x97\xA5", NULL}; /* 年月日 */
    for (const char *const *u = units; *u; u++)
        if (arc_num_unit_is(n, t, *u, strlen(*u)))
            return 1;
    return 0;
}

/* Is c a sentence end (。 ; ! ? or a line end)? */
static int sentence_end(uint32_t c)
{
    return c == 0x3002 || c == ';' || c == '!' || c == '?' || c == '\n';
}

/* Ideographs allowed between a sentence's start and a match of parts
 * (评估|结果为): the pattern starts at its rare word, not at every 。. */
#define MAX_LEAD 8

/* The total of parts found in the next sentence: the match at `ms` opens a
 * sentence (at most MAX_LEAD ideographs after a 。), and the total is the
 * count that ends the sentence before, when it is that sentence's only
 * count (a sentence of two counts leaves open which one the parts break
 * down). */
static int sentence_total(arc_eval *ctx, size_t ms, arc_num *out)
{
    const char *t = ctx->doc->text.norm;
    size_t at = ms;
    for (int k = 0; arc_utf8_before(t, at) != 0x3002 /* 。 */; k++) {
        if (k == MAX_LEAD || !arc_is_han(arc_utf8_before(t, at)))
            return 0;
        at = arc_chars_back(t, at, 1);
    }
    at -= 3; /* before the 。 */
    size_t s = at;
    for (int k = 0; s > 0 && k < 200; k++) {
        if (sentence_end(arc_utf8_before(t, s)))
            break;
        s = arc_chars_back(t, s, 1);
    }
    arc_work *w = arc_matcher_work(ctx->m);
    w->scanned += at - s;
    size_t pos = s, n = 0;
    arc_num num;
    while (arc_num_next(t, at, &pos, &num))
        if (!time_unit(&num, t) && n++ == 0)
            *out = num;
    return n == 1 && out->end == at && !out->percent && !out->points &&
           !out->ordinal && out->unit_end > out->unit_start;
}

/* The items of a 、-list that ends at `end`: read back to the clause start
 * (, 。 ; : a line end, or stop_word - the earlier list's closing word), 、
 * inside brackets and quotes not counted.  Returns the item count (1: no
 * list). */
static size_t list_items(arc_eval *ctx, size_t end, size_t stop_word_len,
                         const char *stop_word, size_t *start)
{
    const char *t = ctx->doc->text.norm;
    size_t p = end, items = 1;
    int depth = 0;
    for (int k = 0; p > 0 && k < 160; k++) {
        uint32_t c = arc_utf8_before(t, p);
        if (depth == 0 && (sentence_end(c) || c == ',' || c == ':'))
            break;
        if (stop_word_len && p >= stop_word_len &&
            memcmp(t + p - stop_word_len, stop_word, stop_word_len) == 0)
            break;
        if (c == ')' || c == 0x300B /* 》 */ || c == 0x201D /* ” */ ||
            c == 0x3011 /* 】 */)
            depth++;
        else if ((c == '(' || c == 0x300A || c == 0x201C || c == 0x3010) &&
                 depth > 0)
            depth--;
        else if (c == 0x3001 && depth == 0)
            items++;
        p = arc_chars_back(t, p, 1);
    }
    arc_matcher_work(ctx->m)->scanned += end - p;
    *start = p;
    return items;
}

/* The ordinal of a point marker (一是, 二是 … 十是) at t[i], or 0. */
static int point_at(const char *t, size_t len, size_t i, size_t *mlen)
{
    uint32_t c, c2;
    size_t k = arc_utf8_decode(t + i, len - i, &c);
    if (!k)
        return 0;
    int d = arc_cn_digit(c);
    if (c == 0x5341) /* 十 */
        d = 10;
    if (d <= 0)
        return 0;
    size_t k2 = i + k < len ? arc_utf8_decode(t + i + k, len - i - k, &c2) : 0;
    if (!k2 || c2 != 0x662F) /* 是 */
        return 0;
    uint32_t prev = arc_utf8_before(t, i);
    if (arc_is_han(prev) && prev != 0x662F)
        return 0; /* 统一是, 之一是 */
    *mlen = k + k2;
    return d;
}

/* The points 一是, 二是 … in order in [s, e): how many, and the offset after
 * the span. */
static int count_points(const char *t, size_t s, size_t e)
{
    int next = 1;
    for (size_t i = s; i < e;) {
        size_t ml = 0;
        int d = point_at(t, e, i, &ml);
        if (d == next) {
            next++;
            i += ml;
        } else {
            i++;
        }
    }
    return next - 1;
}

/* The count ending exactly at `at` (三个|方面), read from a few
 * characters back. */
static int count_ending(arc_eval *ctx, size_t at, arc_num *out)
{
    const char *t = ctx->doc->text.norm;
    size_t pos = arc_chars_back(t, at, 6);
    arc_num num;
    int found = 0;
    while (arc_num_next(t, at, &pos, &num))
        if (num.end == at) {
            *out = num;
            found = 1;
        }
    return found && !out->percent && !out->ordinal;
}

/* Stated counts of items (等4项, 三个方面) against the items listed. */
static int check_counts(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len;
    for (size_t i = 0; i < ps->counts.n; i++) {
        const arc_regex *re = ps->counts.v[i];
        int gn = arc_regex_group(re, "n"), gi = arc_regex_group(re, "items"),
            gp = arc_regex_group(re, "points");
        size_t pos = 0, ms, me;
        while (arc_eval_search(ctx, re, pos, len, &ms, &me)) {
            pos = me > ms ? me : arc_next_char(ctx, ms);
            size_t ns, ne, s, e;
            arc_num n;
            int have = gn >= 0 && arc_matcher_group(ctx->m, gn, &ns, &ne)
                           ? arc_num_at(t, len, ns, &n)
                           : count_ending(ctx, ms, &n);
            if (!have || n.approx || n.value < 1)
                continue;
            size_t listed = 0;
            int fewer = 0;
            if (gi >= 0 && arc_matcher_group(ctx->m, gi, &s, &e)) {
                /* Group `items` is the word closing the list (等): the
                 * list is read back from it, up to an earlier one. */
                size_t ls, xs, xe;
                listed = list_items(ctx, s, e - s, t + s, &ls);
                /* "宪法、民法典宣传和培训等2项": a list inside an item
                 * (joined by 和, 及 …) leaves the count of items open. */
                if (ps->nested &&
                    arc_eval_search(ctx, ps->nested, ls, s, &xs, &xe))
                    continue;
            } else if (gp >= 0 && arc_matcher_group(ctx->m, gp, &s, &e)) {
                arc_matcher_work(ctx->m)->scanned += e - s;
                listed = (size_t)count_points(t, s, e);
                /* Fewer points: a slip only when the paragraph ends here
                 * and the next one is not the next point. */
                size_t q = e, ml;
                while (q < len && (t[q] == '\n' || t[q] == ' '))
                    q++;
                fewer = listed >= 2 && (e == len || t[e] == '\n') &&
                        !(q < len && point_at(t, len, q, &ml));
            }
            if (listed < 2 ||
                !((double)listed > n.value || (fewer && listed < n.value)))
                continue;
            char stated[32], got[32], what[128];
            arc_fmt_num(stated, sizeof stated, n.value);
            snprintf(got, sizeof got, "%zu", listed);
            snprintf(what, sizeof what, "%.*s",
                     (int)(n.end - n.start < 100 ? n.end - n.start : 100),
                     t + n.start);
            arc_var v[] = {{"count", what}, {"stated", stated},
                           {"listed", got}};
            int rc = arc_emit_as(ctx, r, r->severity, ps->message_count, -1,
                                 ms, me, v, 3);
            if (rc)
                return rc;
        }
    }
    return 0;
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
            if (!arc_matcher_group(ctx->m, sp->parts, &ps_, &pe))
                continue;
            if (sp->total_before) {
                if (!sentence_total(ctx, ms, &l.total))
                    continue;
                ts = l.total.start;
            } else if (!arc_matcher_group(ctx->m, sp->total, &ts, &te) ||
                       !arc_num_at(t, len, ts, &l.total)) {
                continue;
            }
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
            read_parts(ps, sp, ctx, ps_, pe, &l);
            int rc = check_list(ps, sp, ctx, r,
                                sp->total_before ? l.total.start : ms, &l);
            if (rc)
                return rc;
        }
    }
    return check_counts(r, ctx);
}

const arc_kind arc_kind_sum = {
    .name = "sum",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

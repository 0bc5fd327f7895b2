/* ratio: a stated rate against its explicit counts (check: mismatch, groups
 * `num`, `den`, `rate`) - it must equal num/den to the precision written,
 * rounded or truncated - or a rate that cannot exceed `max` (check: range,
 * group `rate`, or `rates` spanning a list of values "分别为a%、b%").
 *
 * In range checks the rate's name is the run of ideographs before the match
 * and its first character (率, or up to the end of a group `name`: 占比),
 * with 、-joined names before it ("A率、B率均达…"); a name holding one of the
 * `exempt` words (changes such as 增长率, 同比) may exceed `max`.  Values of
 * a list are paired with the names when their counts agree; otherwise every
 * value belongs to every name. */
#include "eval_util.h"

#include "extract.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_regexes patterns;
    int range;
    double max;
    arc_regex *trigger; /* a rare, cheap anchor every match contains */
    long before, after; /* characters searched around a trigger */
    arc_regex *exempt;  /* names that may exceed max */
    long name_chars;    /* how far back a name is read */
} params;

static const char *const keys[] = {"check",   "patterns", "max",
                                   "trigger", "before",   "after",
                                   "exempt",  "name_chars", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    arc_regexes_free(&ps->patterns);
    arc_regex_free(ps->trigger);
    arc_regex_free(ps->exempt);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    static const char *const checks[] = {"mismatch", "range", NULL};
    params *ps;
    long max = 100;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (rc)
        return rc;
    rc = arc_node_choice(cx, node, "check", checks, &ps->range);
    if (!rc)
        rc = arc_node_int(cx, node, "max", 0, 1, 1000000, &max);
    ps->max = (double)max;
    if (!rc)
        rc = arc_regexes_load(&ps->patterns, cx, node, "patterns", 1);
    ps->before = 80;
    ps->after = 20;
    ps->name_chars = 12;
    if (!rc)
        rc = arc_node_regex_key(cx, node, "trigger", 0, &ps->trigger);
    if (!rc)
        rc = arc_node_int(cx, node, "before", 0, 0, 1000, &ps->before);
    if (!rc)
        rc = arc_node_int(cx, node, "after", 0, 0, 1000, &ps->after);
    if (!rc && arc_node_get(node, "exempt"))
        rc = ps->range ? arc_node_words(cx, arc_node_get(node, "exempt"),
                                        &ps->exempt)
                       : arc_node_fail(cx, arc_node_get(node, "exempt"),
                                       "exempt 只用于 check: range");
    if (!rc)
        rc = arc_node_int(cx, node, "name_chars", 0, 1, 40, &ps->name_chars);
    const char *need[] = {"rate", "num", "den"};
    for (size_t i = 0; !rc && i < ps->patterns.n; i++) {
        const arc_regex *re = ps->patterns.v[i];
        if (ps->range && arc_regex_group(re, "rate") < 0 &&
            arc_regex_group(re, "rates") < 0)
            rc = arc_node_fail(cx, arc_node_get(node, "patterns"),
                               "第 %zu 个模式缺少命名分组 (?<rate>…) 或 "
                               "(?<rates>…)", i + 1);
        for (size_t g = 0; !rc && !ps->range && g < 3; g++)
            if (arc_regex_group(re, need[g]) < 0)
                rc = arc_node_fail(cx, arc_node_get(node, "patterns"),
                                   "第 %zu 个模式缺少命名分组 (?<%s>…)", i + 1,
                                   need[g]);
    }
    return rc;
}

static int num_group(arc_eval *ctx, const arc_regex *re, const char *name,
                     arc_num *out)
{
    size_t s, e;
    return arc_matcher_group(ctx->m, arc_regex_group(re, name), &s, &e) &&
           arc_num_at(ctx->doc->text.norm, ctx->doc->text.norm_len, s, out) &&
           !out->approx;
}

#define MAX_NAMES 8
#define MAX_VALUES 8

/* The names of the rate a range match is about: the ideographs before ms
 * and the match's first character (率, 占 …), with earlier names joined by
 * 、 ("A率、B率").  Names are split after each occurrence of that first
 * character; starts[i]..ends[i] is name i. */
typedef struct {
    size_t start, end; /* the whole run */
    size_t s[MAX_NAMES], e[MAX_NAMES];
    size_t n;
} names;

static void read_names(const params *ps, arc_eval *ctx, const arc_regex *re,
                       size_t ms, names *nm)
{
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len, k, gs, ge;
    uint32_t anchor = 0;
    k = arc_utf8_decode(t + ms, len - ms, &anchor);
    size_t end = ms + (k ? k : 1), p = ms;
    /* A group `name` (占比) says where the name ends. */
    if (arc_matcher_group(ctx->m, arc_regex_group(re, "name"), &gs, &ge) &&
        ge > end)
        end = ge;
    long left = ps->name_chars;
    /* Back over ideographs (and 、 between names), at most name_chars. */
    while (p > 0 && left > 0) {
        uint32_t cp = arc_utf8_before(t, p);
        size_t q = arc_chars_back(t, p, 1);
        if (cp == 0x3001 /* 、 */) {
            uint32_t c2 = arc_utf8_before(t, q);
            if (c2 != anchor)
                break;
        } else if (!arc_is_han(cp)) {
            break;
        }
        p = q;
        left--;
    }
    nm->start = p;
    nm->end = end;
    nm->n = 0;
    size_t s0 = p;
    for (size_t i = p; i < end;) {
        uint32_t cp;
        size_t n = arc_utf8_decode(t + i, len - i, &cp);
        if (!n)
            break;
        i += n;
        if (cp == anchor && nm->n < MAX_NAMES) {
            nm->s[nm->n] = s0;
            nm->e[nm->n] = i;
            nm->n++;
            s0 = i;
            /* The next name starts after a 、 or a joining word. */
            if (i < end && memcmp(t + i, "\xE3\x80\x81", 3) == 0)
                s0 = i + 3;
        }
    }
    if (!nm->n) {
        nm->s[0] = p;
        nm->n = 1;
    }
    nm->e[nm->n - 1] = end;
}

static int exempt(const params *ps, arc_eval *ctx, size_t s, size_t e)
{
    size_t ms, me;
    return ps->exempt && arc_eval_search(ctx, ps->exempt, s, e, &ms, &me);
}

/* The values of a range match: group `rate`, or every percentage in the
 * span of group `rates`. */
static size_t read_values(arc_eval *ctx, const arc_regex *re, arc_num *v)
{
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len, s, e, n = 0;
    if (arc_matcher_group(ctx->m, arc_regex_group(re, "rates"), &s, &e)) {
        size_t pos = s;
        arc_num x;
        while (n < MAX_VALUES && arc_num_next(t, e, &pos, &x))
            if (x.percent)
                v[n++] = x;
        return n;
    }
    if (arc_matcher_group(ctx->m, arc_regex_group(re, "rate"), &s, &e) &&
        arc_num_at(t, len, s, &v[0]))
        return 1;
    return 0;
}

static int check_range(const arc_rule *r, arc_eval *ctx, const arc_regex *re,
                       size_t ms)
{
    const params *ps = r->params;
    arc_num v[MAX_VALUES];
    size_t k = read_values(ctx, re, v), over = 0;
    for (size_t i = 0; i < k; i++)
        over += !v[i].approx && v[i].value > ps->max;
    if (!over)
        return 0; /* the common case: no name needs reading */
    names nm;
    read_names(ps, ctx, re, ms, &nm);
    /* "A率、B率分别为a%、b%": value i is name i's.  Otherwise a list whose
     * names include a change (增长率、满意率均…) is left alone. */
    int paired = nm.n > 1 && k == nm.n;
    if (!paired && exempt(ps, ctx, nm.start, nm.end))
        return 0;
    /* The whole run names the rate: "A率和B率" reads better than a part
     * cut at 率. */
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(nm.end - nm.start),
             ctx->doc->text.norm + nm.start);
    for (size_t i = 0; i < k; i++) {
        if (v[i].approx || v[i].value <= ps->max ||
            (paired && exempt(ps, ctx, nm.s[i], nm.e[i])))
            continue;
        char rs[32], mx[32];
        arc_fmt_num(rs, sizeof rs, v[i].value);
        arc_fmt_num(mx, sizeof mx, ps->max);
        arc_var vars[] = {{"rate", rs}, {"max", mx}, {"name", name}};
        int rc = arc_emit(ctx, r, -1, v[i].start, v[i].end, vars, 3);
        if (rc)
            return rc;
    }
    return 0;
}

/* Checks the matches of re in [from, to). */
static int check_span(const arc_rule *r, arc_eval *ctx, const arc_regex *re,
                      size_t from, size_t to)
{
    const params *ps = r->params;
    size_t pos = from, ms, me;
    while (arc_eval_search(ctx, re, pos, to, &ms, &me)) {
        pos = me > ms ? me : arc_next_char(ctx, ms);
        int rc = 0;
        if (ps->range) {
            rc = check_range(r, ctx, re, ms);
        } else {
            arc_num rate, num, den;
            if (num_group(ctx, re, "rate", &rate) &&
                num_group(ctx, re, "num", &num) &&
                num_group(ctx, re, "den", &den) && den.value > 0) {
                double c = num.value / den.value * 100;
                /* Within one unit of the last digit written: accepts both
                 * rounding and truncation. */
                double unit = pow(10, -rate.decimals);
                if (fabs(c - rate.value) >= unit - 1e-9) {
                    char rs[32], cs[32], shown[32], nn[32], dd[32];
                    arc_fmt_num(rs, sizeof rs, rate.value);
                    snprintf(shown, sizeof shown, "%.*f", rate.decimals, c);
                    arc_fmt_num(cs, sizeof cs, atof(shown));
                    arc_fmt_num(nn, sizeof nn, num.value);
                    arc_fmt_num(dd, sizeof dd, den.value);
                    arc_var v[] = {{"rate", rs}, {"computed", cs},
                                   {"num", nn}, {"den", dd}};
                    rc = arc_emit(ctx, r, -1, ms, me, v, 4);
                }
            }
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Moves off back (not past floor) or forward by n characters. */
static size_t chars_before(const char *t, size_t floor, size_t off, long n)
{
    while (off > floor && n > 0) {
        off--;
        if (((unsigned char)t[off] & 0xC0) != 0x80)
            n--;
    }
    return off;
}

static size_t chars_after(const char *t, size_t len, size_t off, long n)
{
    while (off < len && n >= 0) {
        off++;
        if (off == len || ((unsigned char)t[off] & 0xC0) != 0x80)
            n--;
    }
    return off;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const char *t = ctx->doc->text.norm;
    size_t len = ctx->doc->text.norm_len;
    for (size_t i = 0; i < ps->patterns.n; i++) {
        const arc_regex *re = ps->patterns.v[i];
        if (!ps->trigger) {
            int rc = check_span(r, ctx, re, 0, len);
            if (rc)
                return rc;
            continue;
        }
        /* Only around the trigger: a long pattern tried at every number of
         * a report costs more than finding the rare word it needs. */
        size_t pos = 0, done = 0, ts, te;
        while (arc_eval_search(ctx, ps->trigger, pos, len, &ts, &te)) {
            pos = te > ts ? te : arc_next_char(ctx, ts);
            /* The text before `done` was checked with the previous
             * trigger: dense triggers do not walk back over it again. */
            size_t from = chars_before(t, done, ts, ps->before);
            size_t to = chars_after(t, len, te, ps->after);
            if (from < done)
                from = done;
            int rc = check_span(r, ctx, re, from, to);
            if (rc)
                return rc;
            done = to;
        }
    }
    return 0;
}

const arc_kind arc_kind_ratio = {
    .name = "ratio",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

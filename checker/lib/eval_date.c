/* date: calendar dates that cannot exist (check: invalid: 2月30日, 13月) and
 * digit runs that look like a broken date (check: malformed: the dash-lost
 * range 20212025年, plus YAML patterns such as 1122日). */
#include "eval_util.h"

#include "extract.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int malformed;
    arc_regexes patterns; /* malformed digit runs */
} params;

static const char *const keys[] = {"check", "patterns", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    arc_regexes_free(&ps->patterns);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    static const char *const checks[] = {"invalid", "malformed", NULL};
    params *ps;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (!rc)
        rc = arc_node_choice(cx, node, "check", checks, &ps->malformed);
    if (!rc && ps->malformed)
        rc = arc_regexes_load(&ps->patterns, cx, node, "patterns", 0);
    else if (!rc && arc_node_get(node, "patterns"))
        rc = arc_node_fail(cx, arc_node_get(node, "patterns"),
                           "patterns 只用于 check: malformed");
    return rc;
}

/* The earliest match of any malformed pattern at or after pos (the first
 * pattern's at a tie). */
static int next_pattern(const params *ps, arc_eval *ctx, arc_found *found,
                        size_t pos, size_t *ms, size_t *me)
{
    size_t best = SIZE_MAX;
    arc_regexes_advance(&ps->patterns, ctx, found, pos,
                        ctx->doc->text.norm_len);
    for (size_t i = 0; i < ps->patterns.n; i++)
        if (found[i].ms < best)
            best = found[i].ms, *me = found[i].me;
    *ms = best;
    return best != SIZE_MAX;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_date *dates;
    size_t n, pos;
    /* Bare 2月29日 has year 0 (leap-permissive): without a stated year the
     * reader cannot tell which year is meant. */
    int rc = arc_eval_dates(ctx, &dates, &n);
    for (size_t i = 0; !rc && i < n; i++) {
        const arc_date *d = &dates[i];
        int report = ps->malformed ? d->kind == ARC_DATE_LOST_DASH
                                   : (d->kind == ARC_DATE_DAY ||
                                      d->kind == ARC_DATE_MONTH) &&
                                         !arc_date_valid(d);
        if (report)
            rc = arc_emit(ctx, r, -1, d->start, d->end, NULL, 0);
    }
    if (rc)
        return rc;
    if (!ps->malformed)
        return 0;
    arc_found *found = arc_found_new(&ps->patterns);
    if (!found)
        return arc_err_nomem(ctx->err);
    size_t ms, me;
    pos = 0;
    while (!rc && next_pattern(ps, ctx, found, pos, &ms, &me)) {
        rc = arc_emit(ctx, r, -1, ms, me, NULL, 0);
        pos = me > ms ? me : arc_next_char(ctx, ms);
    }
    free(found);
    return rc;
}

const arc_kind arc_kind_date = {
    .name = "date",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

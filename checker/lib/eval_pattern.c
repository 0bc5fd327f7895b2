/* pattern: every match of the patterns is a finding (template leftovers
 * such as XX, ××, 某某, 【请填写…】).  `exclude` patterns that match at the same
 * place veto a match. */
#include "eval_util.h"

#include "util.h"

#include <stdlib.h>

typedef struct {
    arc_regexes match;
    arc_regexes exclude;
} params;

static const char *const keys[] = {"patterns", "exclude", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    arc_regexes_free(&ps->match);
    arc_regexes_free(&ps->exclude);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    int rc = arc_regexes_load(&ps->match, cx, node, "patterns", 1);
    if (!rc)
        rc = arc_regexes_load(&ps->exclude, cx, node, "exclude", 0);
    return rc;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    size_t len = ctx->doc->text.norm_len;
    /* Matches are reported in text order whichever pattern found them, and
     * a place is reported once. */
    size_t pos = 0, last_end = 0;
    for (;;) {
        size_t best = (size_t)-1, best_end = 0, ms, me;
        for (size_t i = 0; i < ps->match.n; i++)
            if (arc_eval_search(ctx, ps->match.v[i], pos, len, &ms, &me) &&
                (ms < best || (ms == best && me > best_end)))
                best = ms, best_end = me;
        if (best == (size_t)-1)
            return 0;
        pos = best_end > best ? best_end : arc_next_char(ctx, best);
        if (best < last_end || arc_regexes_match_at(&ps->exclude, ctx, best,
                                                    len))
            continue;
        last_end = best_end;
        int rc = arc_emit(ctx, r, -1, best, best_end, NULL, 0);
        if (rc)
            return rc;
    }
}

const arc_kind arc_kind_pattern = {
    .name = "pattern",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

/* pattern: every match of the patterns is a finding (template leftovers
 * such as XX, ××, 某某, 【请填写…】).  `exclude` patterns that match at the same
 * place veto a match. */
#include "eval_util.h"

#include "util.h"

#include <stdint.h>
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
    arc_found *found = arc_found_new(&ps->match);
    if (!found)
        return arc_err_nomem(ctx->err);
    /* Matches are reported in text order whichever pattern found them, and
     * a place is reported once. */
    size_t pos = 0, last_end = 0;
    int rc = 0;
    for (;;) {
        size_t best = SIZE_MAX, best_end = 0;
        arc_regexes_advance(&ps->match, ctx, found, pos, len);
        for (size_t i = 0; i < ps->match.n; i++)
            if (found[i].ms != SIZE_MAX &&
                (found[i].ms < best ||
                 (found[i].ms == best && found[i].me > best_end)))
                best = found[i].ms, best_end = found[i].me;
        if (best == SIZE_MAX)
            break;
        pos = best_end > best ? best_end : arc_next_char(ctx, best);
        if (best < last_end || arc_regexes_match_at(&ps->exclude, ctx, best,
                                                    len))
            continue;
        last_end = best_end;
        if ((rc = arc_emit(ctx, r, -1, best, best_end, NULL, 0)))
            break;
    }
    free(found);
    return rc;
}

const arc_kind arc_kind_pattern = {
    .name = "pattern",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

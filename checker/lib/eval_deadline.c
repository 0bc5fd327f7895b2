/* deadline: the publication date against the due date, set in the rule set
 * relative to the report year N (default: before N+1-04-01).  check: late
 * (after the due date), borderline (on it), unknown (no publication date or
 * no report year). */
#include "eval_util.h"

#include "extract.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LATE, BORDERLINE, UNKNOWN };

typedef struct {
    int check;
    char *message_no_year;
} params;

static const char *const keys[] = {"check", "message_no_year", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (ps)
        free(ps->message_no_year);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    static const char *const checks[] = {"late", "borderline", "unknown",
                                         NULL};
    params *ps;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (!rc)
        rc = arc_node_choice(cx, node, "check", checks, &ps->check);
    if (!rc && ps->check == UNKNOWN)
        rc = arc_node_str(cx, node, "message_no_year", 1,
                          &ps->message_no_year);
    return rc;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_doc *doc = ctx->doc;
    const arc_deadline *dl = &ctx->rs->deadline;
    const arc_pub_date *p = &doc->published;
    if (!doc->year || p->source == ARC_PUB_NONE) {
        if (ps->check != UNKNOWN)
            return 0;
        return arc_emit_as(ctx, r, r->severity,
                           doc->year ? r->message : ps->message_no_year, -1,
                           ARC_WHOLE_DOC, ARC_WHOLE_DOC, NULL, 0);
    }
    int dy = doc->year + dl->year_offset;
    int c = arc_date_cmp(p->y, p->m, p->d, dy, dl->month, dl->day);
    if ((ps->check == LATE && c <= 0) || (ps->check == BORDERLINE && c != 0) ||
        ps->check == UNKNOWN)
        return 0;
    char pub[16], due[16];
    snprintf(pub, sizeof pub, "%04d-%02d-%02d", p->y, p->m, p->d);
    snprintf(due, sizeof due, "%04d-%02d-%02d", dy, dl->month, dl->day);
    arc_var v[] = {{"published", pub}, {"due", due}};
    if (p->source == ARC_PUB_OVERRIDE)
        return arc_emit(ctx, r, -1, ARC_WHOLE_DOC, ARC_WHOLE_DOC, v, 2);
    return arc_emit(ctx, r, -1, p->at, p->end, v, 2);
}

const arc_kind arc_kind_deadline = {"deadline", keys, parse, eval,
                                    free_params};

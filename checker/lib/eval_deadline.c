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

/* Emits r with every message naming the deadline in force (rule set or
 * configuration); formatted only when a finding is made. */
static int emit(const arc_rule *r, arc_eval *ctx, const char *message,
                size_t at, size_t end)
{
    const arc_facts *facts = ctx->facts;
    const arc_deadline *dl = &ctx->rs->deadline;
    const arc_pub_date *p = &facts->published;
    char pub[16] = "", due[16] = "", due_year[16] = "", due_md[32];
    snprintf(due_md, sizeof due_md, "%d月%d日", dl->month, dl->day);
    if (facts->year) {
        int dy = facts->year + dl->year_offset;
        snprintf(due, sizeof due, "%04d-%02d-%02d", dy, dl->month, dl->day);
        snprintf(due_year, sizeof due_year, "%d", dy);
    }
    if (p->source != ARC_PUB_NONE)
        snprintf(pub, sizeof pub, "%04d-%02d-%02d", p->y, p->m, p->d);
    arc_var v[] = {{"published", pub},
                   {"due", due},
                   {"due_year", due_year},
                   {"due_md", due_md}};
    return arc_emit_as(ctx, r, r->severity, message, -1, at, end, v, 4);
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_facts *facts = ctx->facts;
    const arc_deadline *dl = &ctx->rs->deadline;
    const arc_pub_date *p = &facts->published;
    if (!facts->year || p->source == ARC_PUB_NONE) {
        if (ps->check != UNKNOWN)
            return 0;
        return emit(r, ctx, facts->year ? r->message : ps->message_no_year,
                    ARC_WHOLE_DOC, ARC_WHOLE_DOC);
    }
    int c = arc_date_cmp(p->y, p->m, p->d, facts->year + dl->year_offset,
                         dl->month, dl->day);
    if ((ps->check == LATE && c <= 0) || (ps->check == BORDERLINE && c != 0) ||
        ps->check == UNKNOWN)
        return 0;
    /* A date from the command line or a page's metadata has no place in
     * the text (ARC_NOWHERE): a finding about the whole document. */
    return emit(r, ctx, r->message, p->at, p->end);
}

const arc_kind arc_kind_deadline = {
    .name = "deadline",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

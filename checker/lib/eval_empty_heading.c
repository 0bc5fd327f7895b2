/* empty_heading: a heading with no body before the next heading of the same
 * or a higher level; also label lines such as "附件:" with nothing after. */
#include "eval.h"

#include "util.h"

#include <stdlib.h>

typedef struct {
    arc_regex *labels; /* whole-line labels that announce content */
} params;

static const char *const keys[] = {"labels", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (ps)
        arc_regex_free(ps->labels);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps = calloc(1, sizeof *ps);
    if (!ps)
        return arc_err_nomem(cx->err);
    r->params = ps;
    return arc_node_regex_key(cx, node, "labels", 0, &ps->labels);
}

static int blank(const char *t, size_t s, size_t e)
{
    for (; s < e; s++)
        if (t[s] != ' ' && t[s] != '\t' && t[s] != '\n')
            return 0;
    return 1;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_doc *doc = ctx->doc;
    const char *t = doc->text.norm;
    for (size_t i = 0; i < doc->nsections; i++) {
        const arc_section *s = &doc->sections[i];
        int has_child = i + 1 < doc->nsections &&
                        doc->sections[i + 1].parent == (int)i;
        if (has_child || !blank(t, s->body_start, s->body_end))
            continue;
        size_t le = doc->lines[arc_doc_line_at(doc, s->line_start)].end;
        int rc = arc_emit(ctx, r, -1, s->label_start, le, NULL, 0);
        if (rc)
            return rc;
    }
    if (!ps->labels)
        return 0;
    for (size_t li = 0; li < doc->nlines; li++) {
        const arc_line *ln = &doc->lines[li];
        size_t ms, me, s = ln->start, e = ln->end;
        while (s < e && (t[s] == ' ' || t[s] == '\t'))
            s++;
        while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
            e--;
        if (s == e || arc_regex_search(ps->labels, ctx->m, t, e, s, 1, &ms,
                                       &me) <= 0 || me != e)
            continue;
        size_t next = li + 1;
        while (next < doc->nlines && doc->lines[next].heading < 0 &&
               blank(t, doc->lines[next].start, doc->lines[next].end))
            next++;
        if (next < doc->nlines && doc->lines[next].heading < 0)
            continue;
        int rc = arc_emit(ctx, r, -1, s, e, NULL, 0);
        if (rc)
            return rc;
    }
    return 0;
}

const arc_kind arc_kind_empty_heading = {"empty_heading", keys, parse, eval,
                                         free_params};

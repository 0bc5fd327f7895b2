/* empty_heading: a heading with no body before the next heading of the same
 * or a higher level; also label lines such as "附件:" with nothing after. */
#include "eval_util.h"

#include "util.h"

#include <stdint.h>
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
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    return arc_node_regex_key(cx, node, "labels", 0, &ps->labels);
}

static int blank(const char *t, size_t s, size_t e)
{
    for (; s < e; s++)
        if (t[s] != ' ' && t[s] != '\t' && t[s] != '\n')
            return 0;
    return 1;
}

/* Is line li a label line (附件:) as a whole? */
static int is_label(const params *ps, arc_eval *ctx, size_t li, size_t *ls,
                    size_t *le)
{
    const char *t = ctx->doc->text.norm;
    const arc_line *ln = &ctx->doc->lines[li];
    size_t ms, me, s = ln->start, e = ln->end;
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
        e--;
    *ls = s;
    *le = e;
    return ps->labels && s < e && ln->heading < 0 &&
           arc_eval_regex(ctx, ps->labels, t, e, s, 1, s, &ms, &me) &&
           me == e;
}

/* The last line before a heading that is neither blank nor a heading, and
 * whether it is a label line: looked for going forward over the lines once,
 * because a run of headings (a list of empty ones) shares the answer. */
typedef struct {
    size_t seen;  /* lines below this have been looked at */
    size_t last;  /* the last such line below `seen`, SIZE_MAX: none */
    int label;    /* is_label(last), -1 when not yet known */
} lookback;

/* The numbered lines right after a label are the label's list (附件: 1.…
 * 2.…), not empty headings.  Headings come in line order, so li does not
 * decrease between calls. */
static int listed_under_label(const params *ps, arc_eval *ctx, lookback *lb,
                              size_t li)
{
    const arc_doc *doc = ctx->doc;
    size_t ls, le;
    for (; lb->seen < li; lb->seen++) {
        const arc_line *ln = &doc->lines[lb->seen];
        arc_matcher_work(ctx->m)->scanned += ln->end - ln->start + 1;
        if (ln->heading < 0 && !blank(doc->text.norm, ln->start, ln->end)) {
            lb->last = lb->seen;
            lb->label = -1;
        }
    }
    if (lb->last == SIZE_MAX)
        return 0;
    if (lb->label < 0)
        lb->label = is_label(ps, ctx, lb->last, &ls, &le);
    return lb->label;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_doc *doc = ctx->doc;
    const char *t = doc->text.norm;
    lookback lb = {0, SIZE_MAX, -1};
    for (size_t i = 0; i < doc->nsections; i++) {
        const arc_section *s = &doc->sections[i];
        int has_child = i + 1 < doc->nsections &&
                        doc->sections[i + 1].parent == (int)i;
        if (has_child || !blank(t, s->body_start, s->body_end) ||
            listed_under_label(ps, ctx, &lb,
                               arc_doc_line_at(doc, s->line_start)))
            continue;
        size_t le = doc->lines[arc_doc_line_at(doc, s->line_start)].end;
        int rc = arc_emit(ctx, r, -1, s->label_start, le, NULL, 0);
        if (rc)
            return rc;
    }
    if (!ps->labels)
        return 0;
    for (size_t li = 0; li < doc->nlines; li++) {
        size_t s, e;
        if (!is_label(ps, ctx, li, &s, &e))
            continue;
        /* Content: any non-blank line before the next top-level heading. */
        size_t next = li + 1;
        while (next < doc->nlines &&
               blank(t, doc->lines[next].start, doc->lines[next].end))
            next++;
        if (next < doc->nlines &&
            (doc->lines[next].heading < 0 ||
             doc->sections[doc->lines[next].heading].level > 1))
            continue;
        int rc = arc_emit(ctx, r, -1, s, e, NULL, 0);
        if (rc)
            return rc;
    }
    return 0;
}

const arc_kind arc_kind_empty_heading = {
    .name = "empty_heading",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

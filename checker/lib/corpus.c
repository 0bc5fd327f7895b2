/* corpus.c - runs the cross-report rules over a batch's results. */
#include "corpus.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int arc_corpus_eval(const arc_ruleset *rs, arc_result *const *results,
                    size_t n, size_t only, unsigned jobs, arc_error *err)
{
    arc_corpus_ctx cx = {rs, results, n, err, NULL, 0, jobs};
    int rc = 0;
    for (size_t i = 0; !rc && i < rs->nrules; i++) {
        const arc_rule *r = &rs->rules[i];
        if (!r->kind->corpus ||
            !(only == ARC_ALL_RULES ? r->enabled : i == only))
            continue;
        rc = r->kind->corpus(r, &cx);
    }
    arc_corpus_pairs_free(cx.pairs);
    return rc;
}

int arc_corpus_emit(arc_corpus_ctx *cx, const arc_rule *r, size_t i,
                    const arc_var *vars, size_t nvars)
{
    return arc_corpus_emit_at(cx, r, r->severity, r->message, i, NULL,
                              ARC_NO_OTHER, NULL, vars, nvars);
}

int arc_corpus_emit_at(arc_corpus_ctx *cx, const arc_rule *r,
                       arc_severity sev, const char *tpl, size_t i,
                       const arc_corpus_pos *here, size_t other,
                       const arc_corpus_pos *there, const arc_var *vars,
                       size_t nvars)
{
    arc_result *res = cx->results[i];
    if (res->reference)
        return 0;
    arc_finding f = {0};
    f.path = res->path;
    f.severity = sev;
    f.rule = r->id;
    f.section = "";
    f.evidence = "";
    if (here && here->line > 0) {
        f.line = here->line;
        f.column = here->column;
        f.offset = here->offset;
        f.end_offset = here->end_offset;
    }
    arc_var all[20];
    size_t n = 0;
    char year[16] = "", oline[24] = "", ev[24] = "";
    arc_buf evidence = {0};
    if (res->card.report_year)
        snprintf(year, sizeof year, "%d", res->card.report_year);
    all[n++] = (arc_var){"year", year};
    all[n++] = (arc_var){"title", res->title};
    if (other != ARC_NO_OTHER) {
        const arc_result *o = cx->results[other];
        f.related_path = o->path;
        if (there && there->line > 0) {
            f.related_line = there->line;
            f.related_column = there->column;
            f.related_offset = there->offset;
            f.related_end_offset = there->end_offset;
            snprintf(oline, sizeof oline, "%d", there->line);
            snprintf(ev, sizeof ev, ":%d:%d", there->line, there->column);
        }
        all[n++] = (arc_var){"other", o->path};
        all[n++] = (arc_var){"other_line", oline};
        if (arc_buf_puts(&evidence, o->path) || arc_buf_puts(&evidence, ev))
            return arc_err_nomem(cx->err);
        f.evidence = evidence.data;
    }
    for (size_t k = 0; k < nvars && n < ARC_ARRAY_LEN(all); k++)
        all[n++] = vars[k];
    arc_buf msg = {0};
    int rc = arc_expand(&msg, tpl, all, n);
    if (!rc) {
        f.message = msg.data ? msg.data : "";
        rc = arc_findings_add(res->findings, &f);
    }
    arc_buf_free(&msg);
    arc_buf_free(&evidence);
    return rc ? arc_err_nomem(cx->err) : 0;
}

void arc_corpus_span(const arc_result *r, uint32_t f0, uint32_t f1,
                     arc_corpus_pos *pos)
{
    const arc_digest *d = &r->digest;
    const arc_fp *a = &d->fp[f0], *b = &d->fp[f1];
    pos->line = arc_digest_line(d, a->orig);
    pos->column = a->col;
    pos->offset = a->orig;
    pos->end_offset = (size_t)b->orig + (b->len & ARC_FP_LEN);
}

int arc_corpus_add_shared(arc_corpus_ctx *cx, const arc_rule *r, size_t here,
                          const arc_corpus_pos *hp, size_t other,
                          const arc_corpus_pos *op, size_t chars)
{
    arc_result *res = cx->results[here];
    if (res->reference)
        return 0;
    /* Grown one at a time: a report has few, and they stay. */
    arc_shared_passage *v =
        realloc(res->shared, (res->nshared + 1) * sizeof *v);
    if (!v)
        return arc_err_nomem(cx->err);
    res->shared = v;
    arc_shared_passage *s = &res->shared[res->nshared];
    memset(s, 0, sizeof *s);
    s->rule = arc_strdup(r->id);
    s->other = arc_strdup(cx->results[other]->path);
    if (!s->rule || !s->other) {
        free((char *)s->rule);
        free((char *)s->other);
        return arc_err_nomem(cx->err);
    }
    s->line = hp->line;
    s->column = hp->column;
    s->offset = hp->offset;
    s->end_offset = hp->end_offset;
    s->other_line = op->line;
    s->other_column = op->column;
    s->other_offset = op->offset;
    s->other_end_offset = op->end_offset;
    s->chars = chars;
    res->nshared++;
    return 0;
}

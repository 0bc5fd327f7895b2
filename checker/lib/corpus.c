/* corpus.c - runs the cross-report rules over a batch's results. */
#include "corpus.h"

#include "util.h"

#include <stdio.h>

int arc_corpus_eval(const arc_ruleset *rs, arc_result *const *results,
                    size_t n, size_t only, arc_error *err)
{
    arc_corpus_ctx cx = {rs, results, n, err};
    for (size_t i = 0; i < rs->nrules; i++) {
        const arc_rule *r = &rs->rules[i];
        if (!r->kind->corpus ||
            !(only == ARC_ALL_RULES ? r->enabled : i == only))
            continue;
        int rc = r->kind->corpus(r, &cx);
        if (rc)
            return rc;
    }
    return 0;
}

int arc_corpus_emit(arc_corpus_ctx *cx, const arc_rule *r, size_t i,
                    const arc_var *vars, size_t nvars)
{
    arc_result *res = cx->results[i];
    arc_finding f = {0};
    f.path = res->path;
    f.severity = r->severity;
    f.rule = r->id;
    f.section = "";
    f.evidence = "";
    arc_var all[16];
    size_t n = 0;
    char year[16] = "";
    if (res->card.report_year)
        snprintf(year, sizeof year, "%d", res->card.report_year);
    all[n++] = (arc_var){"year", year};
    all[n++] = (arc_var){"title", res->title};
    for (size_t k = 0; k < nvars && n < ARC_ARRAY_LEN(all); k++)
        all[n++] = vars[k];
    arc_buf msg = {0};
    int rc = arc_expand(&msg, r->message, all, n);
    if (!rc) {
        f.message = msg.data ? msg.data : "";
        rc = arc_findings_add(res->findings, &f);
    }
    arc_buf_free(&msg);
    return rc ? arc_err_nomem(cx->err) : 0;
}

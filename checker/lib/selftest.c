/* selftest.c - runs the examples a rule set carries, so that rule authors
 * can change patterns safely.  Examples go through the same pipeline as
 * reports (run.c); a corpus rule's example is a batch of documents
 * separated by a line "---". */
#include "corpus.h"

#include "result.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_BATCH 16

/* Runs example ex of rule i; stores the findings of rule i in *hits. */
static int run_example(const arc_run *run, arc_checker *c,
                       const arc_ruleset *rs, size_t i, const char *text,
                       size_t *hits, arc_error *err)
{
    const arc_rule *r = &rs->rules[i];
    arc_result *res[MAX_BATCH] = {0};
    size_t n = 0;
    int rc = 0;
    const char *p = text;
    do {
        const char *sep = r->kind->corpus ? strstr(p, "\n---\n") : NULL;
        size_t len = sep ? (size_t)(sep - p) + 1 : strlen(p);
        rc = arc_run_check(run, c, rs, i, rs->path, p, len, &res[n], err);
        if (rc)
            break;
        n++;
        p = sep ? sep + 5 : NULL;
    } while (p && n < MAX_BATCH);
    if (!rc && r->kind->corpus)
        rc = arc_corpus_eval(rs, res, n, i, 1, err);
    *hits = 0;
    for (size_t d = 0; d < n; d++) {
        const arc_findings *f = arc_result_findings(res[d]);
        for (size_t j = 0; !rc && j < arc_findings_count(f); j++)
            *hits += strcmp(arc_findings_get(f, j)->rule, r->id) == 0;
        arc_result_free(res[d]);
    }
    return rc;
}

/* Set p: rs itself (0) or its profile p - 1. */
static const arc_ruleset *set_of(const arc_ruleset *rs, size_t p)
{
    return p ? rs->profiles[p - 1] : rs;
}

int arc_ruleset_test(const arc_ruleset *rs, arc_example_cb cb, void *ud,
                     size_t *total, size_t *failed, arc_error *err)
{
    *total = *failed = 0;
    arc_run_opts o = {0};
    o.rs = rs;
    arc_run *run = NULL;
    arc_checker *c = NULL;
    int rc = arc_run_new(&run, &o, err);
    if (!rc && arc_checker_new(&c, rs))
        rc = arc_err_nomem(err);
    /* The set's own rules, then each profile's, each example checked
     * with the set that holds its rule. */
    for (size_t p = 0; !rc && p <= rs->nprofiles; p++) {
    const arc_ruleset *set = set_of(rs, p);
    for (size_t i = 0; !rc && i < set->nrules; i++) {
        const arc_rule *r = &set->rules[i];
        size_t nth[2] = {0, 0}; /* numbering within good / bad */
        for (size_t k = 0; !rc && k < r->nexamples; k++) {
            const arc_example *ex = &r->examples[k];
            size_t index = nth[ex->bad]++, n = 0;
            rc = run_example(run, c, set, i, ex->text, &n, err);
            if (rc) {
                if (err) {
                    err->line = ex->line;
                    err->column = ex->column;
                }
                arc_err_rule(err, r->id);
                break;
            }
            (*total)++;
            if ((ex->bad && n == 0) || (!ex->bad && n > 0)) {
                (*failed)++;
                arc_example_failure fl = {r->id,   ex->bad,    index,
                                          ex->file, ex->line, ex->column,
                                          n};
                if (cb)
                    cb(&fl, ud);
            }
        }
    }
    }
    arc_checker_free(c);
    arc_run_free(run);
    return rc;
}

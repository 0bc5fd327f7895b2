/* selftest.c - runs the examples a rule set carries, so that rule authors
 * can change patterns safely. */
#include "eval.h"

#include "util.h"

#include <string.h>

int arc_ruleset_test(const arc_ruleset *rs, arc_example_cb cb, void *ud,
                     size_t *total, size_t *failed, arc_error *err)
{
    *total = *failed = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const arc_rule *r = &rs->rules[i];
        size_t nth[2] = {0, 0}; /* numbering within good / bad */
        for (size_t k = 0; k < r->nexamples; k++) {
            const arc_example *ex = &r->examples[k];
            size_t index = nth[ex->bad]++;
            arc_doc *doc = NULL;
            arc_findings *f = NULL;
            int rc = arc_doc_parse(&doc, rs->path, ex->text, strlen(ex->text),
                                   rs, err);
            if (!rc && arc_findings_new(&f))
                rc = arc_err_nomem(err);
            if (!rc)
                rc = arc_check_rules(rs, doc, i, f, err);
            size_t n = 0;
            for (size_t j = 0; !rc && j < arc_findings_count(f); j++)
                n += strcmp(arc_findings_get(f, j)->rule, r->id) == 0;
            arc_findings_free(f);
            arc_doc_free(doc);
            if (rc) {
                if (err) {
                    err->line = ex->line;
                    err->column = ex->column;
                }
                arc_err_rule(err, r->id);
                return rc;
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
    return 0;
}

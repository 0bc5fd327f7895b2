/* corpus.h - checks across the reports of a batch.  They run after every
 * report was checked, on the results' digests (result.h), never on the
 * documents, so memory stays flat in the number of reports. */
#ifndef ARC_CORPUS_H
#define ARC_CORPUS_H

#include "eval.h"
#include "result.h"
#include "rules.h"

typedef struct arc_corpus_ctx {
    const arc_ruleset *rs;
    arc_result *const *results;
    size_t n;
    arc_error *err;
} arc_corpus_ctx;

/* Runs the corpus hook of every enabled rule (only == ARC_ALL_RULES) or of
 * rule `only`, appending findings to the results concerned. */
int arc_corpus_eval(const arc_ruleset *rs, arc_result *const *results,
                    size_t n, size_t only, arc_error *err);

/* Emits a whole-document finding of rule r in result i, with r's message
 * and the given placeholder values. */
int arc_corpus_emit(arc_corpus_ctx *cx, const arc_rule *r, size_t i,
                    const arc_var *vars, size_t nvars);

#endif

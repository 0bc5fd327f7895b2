/* eval_util.h - parameter helpers shared by several rule kinds. */
#ifndef ARC_EVAL_UTIL_H
#define ARC_EVAL_UTIL_H

#include "eval.h"

typedef struct {
    arc_regex **v;
    size_t n;
} arc_regexes;

/* Compiles the list of patterns under `key` (required: at least one). */
int arc_regexes_load(arc_regexes *out, const arc_load_ctx *cx,
                     const arc_node *node, const char *key, int required);
void arc_regexes_free(arc_regexes *r);

/* Does any pattern match starting exactly at `at` (within [at, end))? */
int arc_regexes_match_at(const arc_regexes *r, arc_eval *ctx, size_t at,
                         size_t end);

/* Formats a number the way a report would write it (no trailing zeros). */
void arc_fmt_num(char *out, size_t size, double v);

#endif

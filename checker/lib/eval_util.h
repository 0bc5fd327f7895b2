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

/* Allocates a kind's zeroed parameter block of `size` bytes into r->params
 * (so that the kind's free runs on any later failure) and *out. */
int arc_params_new(arc_rule *r, size_t size, const arc_load_ctx *cx,
                   void **out);

/* Reads the required key `key` as one of `choices` (NULL-terminated) and
 * stores its index; otherwise fails with "key 应为 a、b 或 c". */
int arc_node_choice(const arc_load_ctx *cx, const arc_node *node,
                    const char *key, const char *const *choices, int *out);

/* Reads the required list of part ids under `key` (at least `min`),
 * checking each names a part of rs; *out is malloc'd. */
int arc_node_parts(const arc_load_ctx *cx, const arc_node *node,
                   const char *key, const arc_ruleset *rs, size_t min,
                   int **out, size_t *n);

/* Formats a number the way a report would write it (no trailing zeros). */
void arc_fmt_num(char *out, size_t size, double v);

/* Is cp a CJK ideograph (the characters report words are written in)? */
int arc_is_han(uint32_t cp);

/* Moves off back (or forward, not past len) by n characters. */
size_t arc_chars_back(const char *t, size_t off, long n);
size_t arc_chars_fwd(const char *t, size_t len, size_t off, long n);

#endif

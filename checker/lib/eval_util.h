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

/* What one pattern of a list found last: searched from `from`, its next
 * match [ms, me) (ms == SIZE_MAX: none from `from` on). */
typedef struct {
    size_t from;
    size_t ms, me;
} arc_found;

/*
 * Brings found[0..r->n) up to date for a search from pos in [pos, end):
 * a pattern is searched again only when pos has passed the start of the
 * match it found last, so that over a whole text each pattern goes over
 * each byte about once however many matches the others have.  found is
 * malloc'd by the caller with every `from` set to SIZE_MAX; pos must not
 * decrease between calls.
 */
void arc_regexes_advance(const arc_regexes *r, arc_eval *ctx,
                         arc_found *found, size_t pos, size_t end);

/* A found[] for r, every entry unsearched; NULL on ENOMEM. */
arc_found *arc_found_new(const arc_regexes *r);

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

#endif

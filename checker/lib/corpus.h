/* corpus.h - checks across the reports of a batch.  They run after every
 * report was checked, on the results' digests (result.h), never on the
 * documents, so memory stays flat in the number of reports. */
#ifndef ARC_CORPUS_H
#define ARC_CORPUS_H

#include "eval.h"
#include "result.h"
#include "rules.h"

#include <stdint.h>

struct arc_corpus_pairs;

typedef struct arc_corpus_ctx {
    const arc_ruleset *rs;
    arc_result *const *results;
    size_t n;
    arc_error *err;
    struct arc_corpus_pairs *pairs; /* built on first use, freed after the
                                       pass (arc_corpus_pairs) */
    size_t unit_min_chars; /* passages of reports of different units shorter
                              than this are not kept (no rule reads them);
                              0: all are */
    unsigned jobs;         /* threads the pass may use (0, 1: the caller's
                              only); results do not depend on it */
} arc_corpus_ctx;

/* Runs the corpus hook of every enabled rule (only == ARC_ALL_RULES) or of
 * rule `only`, appending findings to the results concerned, on up to
 * `jobs` threads (the calling one included). */
int arc_corpus_eval(const arc_ruleset *rs, arc_result *const *results,
                    size_t n, size_t only, unsigned jobs, arc_error *err);

/* Emits a whole-document finding of rule r in result i, with r's message
 * and the given placeholder values. */
int arc_corpus_emit(arc_corpus_ctx *cx, const arc_rule *r, size_t i,
                    const arc_var *vars, size_t nvars);

/* A place in a report of the batch. */
typedef struct {
    int line, column;          /* 0: the whole report */
    size_t offset, end_offset; /* byte span in the file */
} arc_corpus_pos;

/*
 * Emits a finding of rule r in result i (nothing for a reference result)
 * with severity sev and message template tpl, at `here` (NULL: the whole
 * report), naming result `other` (ARC_NO_OTHER: none) at `there` (may be
 * NULL) as its related location: {other} (its path) and {other_line} are
 * filled in, and the evidence is "path:line:column" there.
 */
int arc_corpus_emit_at(arc_corpus_ctx *cx, const arc_rule *r,
                       arc_severity sev, const char *tpl, size_t i,
                       const arc_corpus_pos *here, size_t other,
                       const arc_corpus_pos *there, const arc_var *vars,
                       size_t nvars);

#define ARC_NO_OTHER ((size_t)-1)

/* --------------------------------------------- shared passages (pairs) */

/* Two reports are compared when they are of different units in the same
 * year, or of the same unit in consecutive years. */
enum { ARC_PAIR_UNITS = 1, ARC_PAIR_YEARS = 2 };

/* A passage two reports share: a run of fingerprints on one diagonal
 * (the same offset between the two texts), gaps of at most k + window
 * kept characters allowed (a changed number inside stays one passage). */
typedef struct {
    uint32_t a0, a1; /* first and last fingerprint in report a (indices) */
    uint32_t b0, b1; /* the matching ones in report b */
    uint32_t nfp;    /* fingerprints in the run */
    uint32_t chars;  /* estimated length in kept characters: from the
                        first to the end of the last shared k-gram, plus
                        window - 1 (what winnowing may miss at the ends) */
    uint32_t ndigit; /* shared k-grams holding digits other than a year */
    uint32_t dig_a, dig_b; /* the first of them, in a and in b */
} arc_passage;

typedef struct {
    size_t a, b;        /* result indices, a < b */
    int type;           /* ARC_PAIR_* */
    arc_passage *v;     /* by position in a */
    size_t n;
} arc_pair;

struct arc_corpus_pairs {
    arc_pair *v;        /* by (a, b) */
    size_t n;
    size_t eligible;    /* reports compared */
    size_t boilerplate; /* fingerprint values ignored as boilerplate */
};

/* Is result i one the copy checks compare (checked, an annual report
 * with fingerprints, its unit and year known)? */
int arc_corpus_comparable(const arc_result *r);

/* The pairs of reports sharing passages (boilerplate ignored: listed in
 * the rule set, or found in at least corpus.boilerplate.share of the
 * comparable reports and in at least min_reports of them; a pair of units
 * keeps only passages of cx->unit_min_chars or more, and is kept only with
 * one), built once per corpus pass.  Returns 0 or ARC_ENOMEM. */
int arc_corpus_pairs(arc_corpus_ctx *cx, const struct arc_corpus_pairs **out);
void arc_corpus_pairs_free(struct arc_corpus_pairs *p);

/* Kept characters of report r's text covered by the passages of pair p
 * on r's side (r is p->a or p->b) that are at least min_chars long. */
size_t arc_pair_covered(const arc_corpus_ctx *cx, const arc_pair *p, size_t r,
                        size_t min_chars);

/* The position of a passage on one side: from fingerprint f0 to the end
 * of fingerprint f1 of result r. */
void arc_corpus_span(const arc_result *r, uint32_t f0, uint32_t f1,
                     arc_corpus_pos *pos);

/* Records a shared passage in result `here` (for views).  Reference
 * results get none. */
int arc_corpus_add_shared(arc_corpus_ctx *cx, const arc_rule *r, size_t here,
                          const arc_corpus_pos *hp, size_t other,
                          const arc_corpus_pos *op, size_t chars);

#endif

/* regex.h - PCRE2 (UTF, JIT) behind a small interface.  The only module that
 * includes pcre2.h.
 *
 * A compiled arc_regex is immutable and may be shared between threads; the
 * mutable match state lives in an arc_matcher, one per thread of work. */
#ifndef ARC_REGEX_H
#define ARC_REGEX_H

#include "util.h"

#include <stddef.h>

typedef struct arc_regex arc_regex;
typedef struct arc_matcher arc_matcher;

/*
 * Compiles `pattern` (UTF-8, PCRE2 syntax) in UTF mode and JIT-compiles it
 * when the platform supports it.  \d, \w and \b are ASCII-only (no
 * PCRE2_UCP): the text is normalised, so full-width digits are already
 * ASCII, and a Unicode \d would make every CJK character a possible match
 * start.  On a
 * syntax error returns ARC_EPARSE, writes PCRE2's message to msg and the
 * 0-based character offset of the error to *erroff.
 */
int arc_regex_compile(arc_regex **out, const char *pattern, size_t len,
                      char *msg, size_t msgsize, size_t *erroff);

/* A pattern that is seldom matched (on a rare kind of line, on texts
 * without a title): compiled without JIT, which costs more at load time
 * than the interpreter costs it over a run. */
#define ARC_REGEX_NOJIT 1u

/* As arc_regex_compile, with ARC_REGEX_* flags. */
int arc_regex_compile_ex(arc_regex **out, const char *pattern, size_t len,
                         unsigned flags, char *msg, size_t msgsize,
                         size_t *erroff);

/* Checks that `pattern` compiles (as arc_regex_compile, same errors)
 * without keeping it: for patterns that are matched as part of a union. */
int arc_regex_check(const char *pattern, size_t len, char *msg,
                    size_t msgsize, size_t *erroff);

/* Compiles an alternation of literal words: (?:w1|w2|...). */
int arc_regex_compile_words(arc_regex **out, const char *const *words,
                            size_t n, char *msg, size_t msgsize);

void arc_regex_free(arc_regex *re);

/* Index of the named group, or -1. */
int arc_regex_group(const arc_regex *re, const char *name);

/* Creates match state able to serve any regex. */
int arc_matcher_new(arc_matcher **out);
void arc_matcher_free(arc_matcher *m);

/* A search that could not finish, as distinct from "no match". */
enum {
    ARC_REGEX_ELIMIT = -100, /* PCRE2's match, depth, heap or JIT stack
                                limit was reached (catastrophic
                                backtracking) */
    ARC_REGEX_EMATCH = -101, /* any other PCRE2 matching error */
    ARC_REGEX_ETIME = -102   /* the matcher's budget has passed */
};

/* The time budget of the file being checked with m (NULL: none): once it
 * has passed, searches return ARC_REGEX_ETIME without searching.  One
 * search is bounded by PCRE2's match limit; the clock is read every few
 * searches.  The budget is borrowed. */
void arc_matcher_set_budget(arc_matcher *m, arc_budget *budget);
arc_budget *arc_matcher_budget(const arc_matcher *m);

/*
 * Searches subject[start..len) (the subject must be valid UTF-8; it is not
 * re-checked).  Returns 1 and fills ms and me with the match, 0 when there is
 * none, ARC_REGEX_ELIMIT or ARC_REGEX_EMATCH when PCRE2 gave up, ARC_REGEX_ETIME
 * once the matcher's budget has passed (the reason
 * is then in arc_matcher_error), or ARC_ENOMEM.  `anchored` requires the
 * match to start at `start`.
 */
int arc_regex_search(const arc_regex *re, arc_matcher *m, const char *subject,
                     size_t len, size_t start, int anchored, size_t *ms,
                     size_t *me);

/* How many scouts re searches with (regex.c: a pattern whose alternatives
 * start with different characters is looked for one alternative at a
 * time); 0 for a plain search.  For tests. */
int arc_regex_scouts(const arc_regex *re);

/* After a successful search: the span of group g (0 = whole match).
 * Returns 0 when the group did not participate. */
int arc_matcher_group(const arc_matcher *m, int g, size_t *s, size_t *e);

/* After a search that returned ARC_REGEX_ELIMIT or ARC_REGEX_EMATCH: PCRE2's
 * message (English) in buf; returns buf. */
const char *arc_matcher_error(const arc_matcher *m, char *buf, size_t size);

/*
 * Work done with one matcher (so on one thread), counted so that tests can
 * assert that it grows linearly with the input: wall time is measured in
 * bench/, never asserted.  Kept per matcher, never global.
 */
typedef struct {
    size_t searches; /* regex searches */
    size_t searched; /* bytes they covered: from the start offset to the
                        match end, or to the subject end when none */
    size_t counted;  /* bytes counted to map offsets to lines and columns
                        and to cut evidence (arc_emit) */
    size_t scanned;  /* bytes the C scanners went over (dates, lists of
                        numbers) */
} arc_work;

/* The counters of m (zero when m is new). */
arc_work *arc_matcher_work(arc_matcher *m);

#endif

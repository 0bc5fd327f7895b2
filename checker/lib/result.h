/* result.h - what is kept of a checked report once its document is freed:
 * findings, scorecard, facts and the digest the corpus pass reads. */
#ifndef ARC_RESULT_H
#define ARC_RESULT_H

#include "archeck.h"

#include <stdint.h>

/* A compact summary of one report for checks across reports.  Grows with
 * the corpus checks (issue: fingerprints for copied text); it never holds
 * the document. */
typedef struct {
    uint64_t text_hash; /* of the normalised text (run.c) */
    size_t text_len;    /* bytes of normalised text */
} arc_digest;

/* Text and headings kept with ARC_RUN_KEEP_TEXT. */
typedef struct {
    char *text;
    size_t len;
    char *orig;         /* the text as the reader gave it (annotated copies
                           quote it: evidence is original text) */
    size_t orig_len;
    uint32_t *page;     /* per line, or NULL */
    size_t nlines;
    arc_heading *headings; /* strings owned (label, text); part borrowed */
    size_t nheadings;
} arc_kept_text;

struct arc_result {
    char *path;
    arc_result_status status;
    arc_error *error;      /* why unreadable; NULL when checked (an
                              arc_error is 1.6 KB: not kept per report) */
    const char *format;    /* reader name, static */
    arc_findings *findings;
    arc_scorecard card;
    char *title;           /* full facts (the card truncates) */
    char *unit;
    arc_digest digest;
    arc_kept_text kept;
    const arc_ruleset *rs; /* of the run that made it */
    const arc_ruleset *used; /* the set (rs or one of its profiles) whose
                                rules checked it: its scoring weights */
    int corpus_done;       /* the corpus pass has seen it */
};

/* As arc_run_buffer, checking with `set` (the run's rule set or one of
 * its profiles; NULL: the one for the document's type or the run's
 * forced profile) and running only rule `only` of it (enabled or not)
 * when it is not ARC_ALL_RULES (rule examples). */
int arc_run_check(const arc_run *run, arc_checker *c, const arc_ruleset *set,
                  size_t only, const char *path, const char *data,
                  size_t len, arc_result **out, arc_error *err);

#endif

/* result.h - what is kept of a checked report once its document is freed:
 * findings, scorecard, facts and the digest the corpus pass reads. */
#ifndef ARC_RESULT_H
#define ARC_RESULT_H

#include "archeck.h"

#include <stdint.h>

/* One fingerprint (fingerprint.h) and where its k-gram lies in the file. */
typedef struct {
    uint32_t at;   /* index of its first kept character */
    uint32_t orig; /* byte offset of that character in the file (BOM
                      included, as findings count) */
    uint16_t col;  /* its column in characters (saturating) */
    uint16_t len;  /* bytes the k-gram spans (ARC_FP_LEN, saturating), and
                      ARC_FP_DIGIT when it holds a digit */
} arc_fp;

#define ARC_FP_LEN 0x7FFFu
#define ARC_FP_DIGIT 0x8000u

/* A year written "YYYY年": only the report's own year and the year
 * before are kept (a stale year is last year's own year left behind). */
typedef struct {
    uint32_t at;   /* kept index of its first digit */
    uint32_t orig; /* byte offset in the file */
    uint32_t ctx;  /* hash of the year and the kept characters after it */
    uint16_t year;
    uint16_t col;
    uint8_t len;   /* bytes of "YYYY年" */
    uint8_t allowed; /* a legitimate mention: quoted in 《》 or matched by
                        the rule set's corpus.years.allow */
} arc_dyear;

/* A plan item. */
typedef struct {
    char *text;          /* its first words */
    uint32_t orig, end;  /* byte span in the file */
    uint32_t line;
    uint16_t col;
    uint32_t g0, g1;     /* its bigram hashes: grams[g0, g1) */
    uint32_t t1;         /* its heading's: grams[g1, t1) */
} arc_ditem;

/* A paragraph telling what the unit did (the measures). */
typedef struct {
    uint32_t line;
    uint32_t g0, g1;     /* its bigram hashes: grams[g0, g1) */
} arc_dpara;

/* A compact summary of one report for checks across reports, made while
 * the document is alive (digest.c); it never holds the document.  Beyond
 * the text hash, only what the enabled corpus rules need (`have`). */
typedef struct {
    uint64_t text_hash; /* of the normalised text (run.c) */
    size_t text_len;    /* bytes of normalised text */
    unsigned have;      /* ARC_DIGEST_* computed */
    char *unit;         /* the unit as compared across reports (spaces,
                           corpus.units.strip and aliases applied); "" */
    int work_plan;      /* a work plan (set by the caller from the facts before
                           arc_digest_fill): its tasks are the plan items */
    uint32_t kept;      /* kept characters of the text */
    arc_fp *fp;         /* ARC_DIGEST_TEXT: fingerprints, by position */
    uint32_t *fph;      /* their hashes, apart: the corpus pass reads all
                           the hashes of a batch several times, and nothing
                           else of most fingerprints */
    size_t nfp;
    uint32_t *line;     /* byte offsets of the line starts */
    size_t nline;
    arc_dyear *years;   /* year mentions, by position */
    size_t nyears;
    arc_ditem *plan;    /* ARC_DIGEST_PLAN: plan items */
    size_t nplan;
    arc_dpara *measures; /* measure paragraphs */
    size_t nmeasures;
    uint16_t *grams;
    size_t ngrams;
    struct arc_slab *slab; /* holds all of the above (slab.h): the arrays,
                              the unit and the items' texts are one piece */
} arc_digest;

struct arc_doc;
struct arc_check_out;
struct arc_matcher;

/* Working memory for making digests, reused from report to report (one
 * per thread: the checker's). */
typedef struct arc_digest_scratch arc_digest_scratch;

arc_digest_scratch *arc_digest_scratch_new(void);
void arc_digest_scratch_free(arc_digest_scratch *s);

/* Fills the parts `need` (ARC_DIGEST_*) of d for doc (its unit, report
 * year or 0, and check output) with the thread's matcher and scratch.
 * Returns 0 or ARC_ENOMEM. */
int arc_digest_fill(arc_digest *d, const arc_ruleset *rs, unsigned need,
                    const struct arc_doc *doc, const char *unit, int year,
                    const struct arc_check_out *co, struct arc_matcher *m,
                    arc_digest_scratch *scratch);
void arc_digest_free(arc_digest *d);

/* The 1-based line of byte offset orig (d->line must be filled). */
int arc_digest_line(const arc_digest *d, uint32_t orig);

/* Heap size of the digest in bytes (for the memory figures). */
size_t arc_digest_bytes(const arc_digest *d);

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
    int reference;         /* ARC_RUN_REFERENCE: feeds the corpus pass only */
    arc_shared_passage *shared; /* strings owned */
    size_t nshared;
    arc_plan_item *plan;   /* strings owned */
    size_t nplan;
};

/* As arc_run_buffer, checking with `set` (the run's rule set or one of
 * its profiles; NULL: the one for the document's type or the run's
 * forced profile) and running only rule `only` of it (enabled or not)
 * when it is not ARC_ALL_RULES (rule examples). */
int arc_run_check(const arc_run *run, arc_checker *c, const arc_ruleset *set,
                  size_t only, const char *path, const char *data,
                  size_t len, arc_result **out, arc_error *err);

#endif

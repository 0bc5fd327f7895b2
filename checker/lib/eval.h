/* eval.h - what rule kinds see while they run: the document, the resolved
 * required parts and arc_emit. */
#ifndef ARC_EVAL_H
#define ARC_EVAL_H

#include "doc.h"
#include "extract.h"
#include "facts.h"
#include "rules.h"
#include "util.h"

/* Where a required part was found. */
typedef struct {
    arc_part_status status;
    int section;  /* heading section index (ARC_PART_HEADING) or -1 */
    size_t start; /* normalised span: the headed part, or the prose line */
    size_t end;
    size_t at;    /* where to point: the heading label or the prose match */
    size_t at_end;
} arc_part_hit;

typedef struct arc_eval {
    const arc_ruleset *rs;
    const arc_doc *doc;
    const arc_facts *facts;
    arc_findings *out;
    arc_matcher *m;
    arc_part_hit *parts; /* one per rs->parts */
    int halt;            /* set by a rule to stop the rules after it */
    arc_error *err;
    struct arc_date_list *dates; /* built on first use, see arc_eval_dates */
    int forced;          /* the profile was chosen by the user: the
                            document is checked as that type whatever
                            it was recognised as */
    struct {            /* the first search of the running rule (or of the
                           parts) that PCRE2 gave up on: reported as a
                           rule.error finding once the rule has run */
        int rc;         /* 0: none */
        const arc_regex *re; /* its pattern: not tried again in this rule */
        size_t at;      /* where that search started */
        char reason[128];
    } failed;
} arc_eval;

/* The dates of the document (year 0 for 3月29日 forms), read once per
 * document however many rules ask.  Returns 0 or ARC_ENOMEM. */
int arc_eval_dates(arc_eval *ctx, const arc_date **out, size_t *n);

/* Placeholder values for a message template: {key} -> value. */
typedef struct {
    const char *key;
    const char *value;
} arc_var;

/* Expands {key} placeholders of tpl into b (unknown keys kept as written).
 * Returns 0 or ARC_ENOMEM. */
int arc_expand(arc_buf *b, const char *tpl, const arc_var *vars, size_t nvars);

/*
 * Emits a finding of rule r.  [start, end) is the normalised span the finding
 * is about (its start gives line/column, its text the evidence); pass
 * start == end == (size_t)-1 for a finding about the whole document.
 * `part` is a part index or -1.  The message is r->message with {part}
 * (the part's name), {evidence} and the given vars substituted.
 */
int arc_emit(arc_eval *ctx, const arc_rule *r, int part, size_t start,
             size_t end, const arc_var *vars, size_t nvars);

/* As arc_emit, with another severity and message template (kinds that
 * report several situations keep one template per situation). */
int arc_emit_as(arc_eval *ctx, const arc_rule *r, arc_severity sev,
                const char *message, int part, size_t start, size_t end,
                const arc_var *vars, size_t nvars);

#define ARC_WHOLE_DOC ((size_t)-1)

/* Searches the normalised text in [start, end) for `re`.  Returns 1 for a
 * match, else 0; a search PCRE2 gave up on (its limits) is not "no match":
 * it is recorded for a rule.error finding (arc_eval_check) and ends the
 * search with 0. */
int arc_eval_search(arc_eval *ctx, const arc_regex *re, size_t start,
                    size_t end, size_t *ms, size_t *me);

/* Searches as arc_regex_search does (anchored or not, any subject: the
 * position of a failure is `at` in the normalised text), recording a
 * failure as arc_eval_search does; returns 1 for a match, else 0. */
int arc_eval_regex(arc_eval *ctx, const arc_regex *re, const char *subject,
                   size_t len, size_t start, int anchored, size_t at,
                   size_t *ms, size_t *me);

/* Offset of the character after the one at `off` (for empty matches). */
size_t arc_next_char(const arc_eval *ctx, size_t off);

#define ARC_ALL_RULES ((size_t)-1)

/* What a check found out besides findings (for the scorecard, the
 * digest). */
typedef struct arc_check_out {
    arc_part_status part[ARC_MAX_PARTS]; /* per rs->parts */
    int part_section[ARC_MAX_PARTS];     /* its heading section, or -1 */
    size_t part_start[ARC_MAX_PARTS];    /* its span (arc_part_hit) */
    size_t part_end[ARC_MAX_PARTS];
    size_t part_at[ARC_MAX_PARTS];       /* its heading label / prose match */
    int halted; /* a doc_type rule stopped the rules: not checked as rs's
                   profile */
} arc_check_out;

/*
 * Runs the enabled rules (only == ARC_ALL_RULES) or rule `only` alone
 * (enabled or not) on doc with its facts, appending findings to out and
 * filling *co (may be NULL).  m is the caller's (per-thread) matcher; once
 * its budget (arc_matcher_set_budget) has passed, the rules stop and
 * ARC_EPARSE is returned with the time-limit reason.
 * forced: the user chose rs's profile (--profile), so doc_type rules stay
 * quiet.
 */
int arc_eval_doc(const arc_ruleset *rs, const arc_doc *doc,
                 const arc_facts *facts, size_t only, arc_matcher *m,
                 arc_findings *out, arc_check_out *co, int forced,
                 arc_error *err);

/* Resolves the required parts of ctx->doc (done once before the rules). */
int arc_resolve_parts(arc_eval *ctx);

#endif

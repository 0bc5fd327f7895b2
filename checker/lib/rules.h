/* rules.h - the loaded rule set and the rule-kind table. */
#ifndef ARC_RULES_H
#define ARC_RULES_H

#include "archeck.h"

#include <stdint.h>
#include "doc.h"
#include "facts.h"
#include "node.h"
#include "regex.h"

struct arc_eval;
struct arc_rule;
struct arc_corpus_ctx;

/* The rules every rule set has (built in, always on): a file that could not
 * be checked, and a pattern PCRE2 gave up on. */
#define ARC_RULE_UNREADABLE "input.unreadable"
#define ARC_RULE_PATTERN_ERROR "rule.error"

/*
 * A rule kind: the generic check in C that YAML rules instantiate.  Adding a
 * kind is one eval_<kind>.c file plus one row in arc_kinds (rules_kinds.c).
 *   parse: reads the kind's own keys of `node` into r->params.
 *   eval:  runs the check on ctx->doc and emits findings with arc_emit
 *          (NULL for kinds that only compare reports).
 *   free:  releases r->params (params may be NULL).
 *   corpus: (optional) runs after all reports of a batch, on their digests,
 *          and emits findings with arc_corpus_emit (corpus.h).  Examples of
 *          such a rule are batches: documents separated by a line "---".
 *   digest: what the corpus hook reads besides the text hash (ARC_DIGEST_*
 *          bits): run.c computes it while the document is alive, only when
 *          a rule that needs it runs.
 */
typedef struct {
    const char *name;
    const char *const *keys; /* the kind's own keys, NULL-terminated */
    int (*parse)(struct arc_rule *r, const arc_node *node,
                 const arc_load_ctx *cx, const struct arc_ruleset *rs);
    int (*eval)(const struct arc_rule *r, struct arc_eval *ctx);
    void (*free)(void *params);
    int (*corpus)(const struct arc_rule *r, struct arc_corpus_ctx *cx);
    unsigned digest;
} arc_kind;

/* Parts of the digest (result.h) a corpus kind reads. */
#define ARC_DIGEST_TEXT 1u  /* fingerprints, year mentions, unit */
#define ARC_DIGEST_PLAN 2u  /* plan items, measure paragraphs, unit */

extern const arc_kind *const arc_kinds[];

/* One required part of the report (measures, shortcomings, ...). */
typedef struct {
    char *id;
    char *name;           /* display name used in messages */
    arc_regex **heading;  /* key-word groups a heading must all contain */
    size_t nheading;
    arc_regex ***alt;     /* further alternatives: heading_or lists, each of
                           * groups a heading must all contain */
    size_t *nalt;         /* groups in each alternative */
    size_t nalts;
    arc_regex *exclude;   /* words that disqualify a heading */
    arc_regex **prose;    /* patterns that find the part as prose */
    size_t nprose;
    int thematic;         /* unclaimed top-level headings count as this part */
} arc_part_def;

/* An example text of a rule: a bad one must trigger it, a good one not. */
typedef struct {
    char *text;
    int bad;
    char *file;       /* the rule file it is in (extends: maybe a base) */
    int line, column;
} arc_example;

typedef struct arc_rule {
    char *id;
    const arc_kind *kind;
    arc_severity severity;
    char *message;     /* template with {name} placeholders */
    char *description;
    char *basis;       /* the legal basis (条文), or NULL */
    int enabled;
    void *params;
    arc_example *examples;
    size_t nexamples;
    double weight; /* score points per finding; < 0: the severity's */
    int builtin;   /* added by the loader, not from YAML; always on */
    int depth;     /* extends depth of the file that defined it */
} arc_rule;

/* Publication due date, relative to the report year N: before
 * N+year_offset-month-day (publishing on that day is borderline). */
typedef struct {
    int year_offset;
    int month;
    int day;
} arc_deadline;

/* The path an ignore glob is matched against: `path` relative to the
 * config's directory (resolved), or as given (without "./") when it lies
 * outside that tree.  May return buf. */
const char *arc_config_relative(const arc_config *c, const char *path,
                                char *buf, size_t size);

/* Does an ignore entry cover rule at rel (from arc_config_relative)? */
int arc_config_ignored_rel(const arc_config *c, const char *rel,
                           const char *rule);

/* Reads a deadline mapping {due: "MM-DD", year_offset: N} into *dl
 * (absent keys keep *dl's values); errors at the node's file:line:col.
 * The one parser for rule sets and configurations. */
int arc_load_deadline(const arc_load_ctx *cx, const arc_node *n,
                      arc_deadline *dl);

/* How reports are compared across a batch (the rule set's `corpus`
 * section, rules_corpus.c): fingerprints, boilerplate, units, years, and
 * the words that say nothing about what a plan item is about. */
/* Words of arc_corpus_params.passage_bits: a bit per 12-bit hash prefix. */
#define ARC_PASSAGE_WORDS 64

typedef struct {
    unsigned k;             /* characters per k-gram */
    unsigned window;        /* winnowing window, in k-grams */
    double share;           /* boilerplate: in at least this share ... */
    size_t min_reports;     /* ... and at least this many reports */
    char **passage_text;    /* listed boilerplate passages */
    size_t npassage_text;
    uint32_t *passages;     /* their k-gram hashes, sorted */
    size_t npassages;
    uint64_t passage_bits[ARC_PASSAGE_WORDS]; /* bit (hash >> 20) set for
                               each: most fingerprints are not listed, and
                               one load tells (a search a fingerprint cost
                               as much as the rest of its digest) */
    arc_regex *unit_strip;  /* removed from a unit's name, or NULL */
    char **alias_from;      /* unit aliases: name -> canonical name */
    char **alias_to;
    size_t naliases;
    arc_regex **year_allow; /* anchored at a year: a legitimate mention */
    size_t nyear_allow;
    char *plan_part;        /* part id of next year's plan, or NULL */
    char **measures_parts;  /* part ids of what the unit did */
    size_t nmeasures_parts;
    uint64_t *stop_bits;    /* bigram hashes of plan stop words (a
                               bitmap, fingerprint.h), or NULL */
} arc_corpus_params;

struct arc_ruleset;

/* Reads the `corpus` mapping n (NULL: nothing) into rs->corpus, key by key
 * over what a base rule set set (after rs's parts: part ids are checked).
 * Errors at the node's file:line:col. */
int arc_corpus_params_load(struct arc_ruleset *rs, const arc_node *n,
                           const arc_load_ctx *cx);
void arc_corpus_params_free(arc_corpus_params *p);

/* The defaults (k 15, window 32, share 0.05, 20 reports). */
void arc_corpus_params_init(arc_corpus_params *p);

/* Score = base - the weights of a report's findings, clamped to 0..100. */
typedef struct {
    double base;
    double severity[3]; /* by arc_severity */
} arc_scoring;

/* The document type a rule set checks unless it says otherwise. */
#define ARC_DEFAULT_PROFILE "annual-report"

struct arc_ruleset {
    char *path;
    char *name;
    char *profile;  /* the document type its rules check (doc.type reports
                       the others) */
    arc_doc_profile doc; /* owns its patterns; t2s and trad_bits are
                            the ruleset's */
    arc_part_def parts[ARC_MAX_PARTS];
    int part_depth[ARC_MAX_PARTS];
    size_t nparts;
    arc_rule *rules;
    size_t nrules, rules_cap;
    arc_deadline deadline;
    arc_scoring scoring;
    struct arc_t2s *t2s; /* owned, when document.traditional is set */
    unsigned char *trad_bits; /* 8 KiB: one bit per BMP code point */
    arc_corpus_params corpus;
    /* profiles: the rule sets of the other document types this set checks
     * (rules/README.md, "Profiles"); owned.  Each reads documents with
     * this set's `document:` profile and has its own parts, rules,
     * deadline and scoring. */
    struct arc_ruleset **profiles;
    size_t nprofiles;
    int is_profile; /* loaded from another set's profiles: list */
    /* The rules of this set and its profiles, each id once: what the
     * public rule accessors enumerate (writers list rules from it). */
    const arc_rule **view;
    size_t nview;
};

/* The set that checks documents of profile `id`: rs itself or one of its
 * profiles; NULL when none does. */
const struct arc_ruleset *arc_ruleset_for(const struct arc_ruleset *rs,
                                          const char *id);

/* Reads the keys of a `document:` mapping into p (ruleset_doc.c); a key
 * replaces what a base rule set set.  `traditional` is the caller's. */
int arc_load_document(arc_doc_profile *p, const arc_node *n,
                      const arc_load_ctx *cx);

/* Index of the rule with this id among the rules of rs and its profiles
 * (the public enumeration), or -1. */
int arc_ruleset_rule_index(const struct arc_ruleset *rs, const char *id);

/* Index of the part with this id, or -1. */
int arc_ruleset_part(const struct arc_ruleset *rs, const char *id);

/* Reads a part-id key of a rule, checking it names a defined part. */
int arc_rule_part_key(const arc_load_ctx *cx, const arc_node *node,
                      const char *key, int required,
                      const struct arc_ruleset *rs, int *out);

#endif

/*
 * archeck.h - the one public header of libarcheck.
 *
 * libarcheck checks Chinese local-government annual reports on rule-of-law
 * government (法治政府建设年度报告) against a YAML rule set and writes audit
 * reports.  One call checks one report:
 *
 *   arc_run (rule set + configuration + load options, shared by threads)
 *     -> arc_run_file(run, checker, path) : read (the readers table) ->
 *        parse (arc_doc: text, lines, sections) -> facts (title, unit,
 *        year, dates) -> check (rule kinds) -> ignores, scorecard, digest
 *     -> arc_result (outlives the document: findings, scorecard, digest)
 *   arc_run_corpus(run, results)  : checks across all reports of a batch
 *   arc_writer_result(writer, result) : csv, summary, text, json, ...
 *
 * Conventions (see docs/CONVENTIONS.md):
 *  - Functions that can fail return 0 on success or a negative arc_status and
 *    fill *err (if err is non-NULL) with a message, the file and, where known,
 *    the line, column and rule id.  Results come back through the first
 *    out-parameter, which is left NULL on failure.
 *  - Every handle has a _new/_load/_parse constructor and a _free destructor;
 *    _free(NULL) is a no-op.  The caller owns what a constructor returns.
 *  - Strings are UTF-8.  Pointers returned by accessors borrow from the handle
 *    and stay valid until it is freed.
 *  - The library never prints, exits or keeps mutable global state; handles
 *    are not shared between threads while being mutated, but a loaded
 *    arc_ruleset is read-only and may be used by many threads at once.
 */
#ifndef ARCHECK_H
#define ARCHECK_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ARC_VERSION "0.2.0"

/* Status codes returned by library functions (0 = success). */
typedef enum {
    ARC_OK = 0,
    ARC_ENOMEM = -1, /* out of memory */
    ARC_EIO = -2,    /* a file could not be read or written */
    ARC_EPARSE = -3, /* a rule file or input is malformed */
    ARC_EINVAL = -4, /* invalid argument */
    ARC_EENCODING = -5 /* input is not valid UTF-8 */
} arc_status;

/* Details of a failure.  line/column are 1-based, 0 when unknown. */
typedef struct {
    int code;
    char file[512];
    int line;
    int column;
    char rule[64];
    char message[1024];
} arc_error;

typedef enum {
    ARC_SEV_INFO = 0,
    ARC_SEV_WARNING = 1,
    ARC_SEV_ERROR = 2
} arc_severity;

/* "error", "warning" or "info". */
const char *arc_severity_name(arc_severity sev);

/* Parses "error"/"warning"/"info"; returns -1 for anything else. */
int arc_severity_parse(const char *name);

/* -------------------------------------------------------------- helpers */

/* `path` as seen from the directory of `file` (unchanged when absolute or
 * when file has no directory): a config's paths, a rule set's extends, the
 * summary beside the audit.  malloc'd (free with free); NULL on ENOMEM. */
char *arc_path_beside(const char *file, const char *path);

/* A file name as every output shows it: UTF-8 names unchanged; in a name
 * that is not UTF-8 (GBK names from archives made on Chinese Windows) or
 * holds control characters, each byte of an invalid sequence and each
 * control character becomes \xNN (two upper-case hex digits), so that
 * CSV, JSON, XML and terminals stay valid.  Results and findings carry
 * this form (arc_result_path); the original opens the file.  malloc'd
 * (free with free); NULL on ENOMEM. */
char *arc_path_display(const char *path);

/* Parses a real calendar date written YYYY-MM-DD (2025-02-29 is refused).
 * Returns 0, or ARC_EINVAL leaving *y, *m, *d unspecified. */
int arc_date_parse(const char *s, int *y, int *m, int *d);

/* ---------------------------------------------------------------- rules */

typedef struct arc_ruleset arc_ruleset;

/*
 * Loads a rule set from a YAML file.  Unknown keys, wrong types, unknown rule
 * kinds and invalid PCRE2 patterns are rejected with file:line:col, the rule
 * id and (for patterns) PCRE2's own message.  Every pattern is compiled once
 * here, with JIT where available.
 */
int arc_ruleset_load(arc_ruleset **out, const char *path, arc_error *err);

/* As arc_ruleset_load, from a buffer; `name` is used in error messages. */
int arc_ruleset_load_buffer(arc_ruleset **out, const char *name,
                            const char *yaml, size_t len, arc_error *err);

void arc_ruleset_free(arc_ruleset *rs);

/* Adjustments a configuration makes to a loaded rule set.  Return
 * ARC_EINVAL for an unknown rule id or an impossible date. */
int arc_ruleset_set_severity(arc_ruleset *rs, const char *id, arc_severity sev);
int arc_ruleset_set_enabled(arc_ruleset *rs, const char *id, int enabled);
int arc_ruleset_set_deadline(arc_ruleset *rs, int month, int day,
                             int year_offset);

/* Number of required parts, and the id / display name of part i. */
size_t arc_ruleset_part_count(const arc_ruleset *rs);
const char *arc_ruleset_part_id(const arc_ruleset *rs, size_t i);
const char *arc_ruleset_part_name(const arc_ruleset *rs, size_t i);

/* Number of rules, and the id / description / severity of rule i. */
size_t arc_ruleset_rule_count(const arc_ruleset *rs);
const char *arc_ruleset_rule_id(const arc_ruleset *rs, size_t i);
const char *arc_ruleset_rule_description(const arc_ruleset *rs, size_t i);
arc_severity arc_ruleset_rule_severity(const arc_ruleset *rs, size_t i);
int arc_ruleset_rule_enabled(const arc_ruleset *rs, size_t i);

/* The document profiles the rule set checks (rules/README.md, "Profiles"):
 * their number and the id of profile i ("annual-report", "work-plan"; 0 is
 * the set's own), or NULL past the end. */
size_t arc_ruleset_profile_count(const arc_ruleset *rs);
const char *arc_ruleset_profile_id(const arc_ruleset *rs, size_t i);

/* The legal basis a rule cites ("" when none), its kind's name, its message
 * template, and its examples: example k of rule i (NULL past the end),
 * *bad set to 1 for an example that must trigger the rule. */
const char *arc_ruleset_rule_basis(const arc_ruleset *rs, size_t i);
const char *arc_ruleset_rule_kind(const arc_ruleset *rs, size_t i);
const char *arc_ruleset_rule_message(const arc_ruleset *rs, size_t i);
size_t arc_ruleset_rule_example_count(const arc_ruleset *rs, size_t i);
const char *arc_ruleset_rule_example(const arc_ruleset *rs, size_t i,
                                     size_t k, int *bad);

/* --------------------------------------------------------- configuration */

/*
 * .archeck.yaml: which rule set, rules disabled, severities changed,
 * per-file ignores ({path: glob, rule: id}), deadline override, output
 * paths and fail_on.  Paths in it are relative to its own directory.
 */
typedef struct arc_config arc_config;

/* Looks for .archeck.yaml in dir and its parents; returns a malloc'd path
 * (free with free) or NULL. */
char *arc_config_find(const char *dir);

/* Loads a configuration; unknown keys and wrong types fail with
 * file:line:col. */
int arc_config_load(arc_config **out, const char *path, arc_error *err);
void arc_config_free(arc_config *c);

const char *arc_config_path(const arc_config *c);
const char *arc_config_rules(const arc_config *c);   /* NULL when unset */
const char *arc_config_output(const arc_config *c);  /* NULL when unset */
const char *arc_config_summary(const arc_config *c); /* NULL when unset */
const char *arc_config_profile(const arc_config *c); /* NULL when unset */

/* -1 unset, else an arc_severity, or 3 for "none". */
int arc_config_fail_on(const arc_config *c);

/* `time_limit: SECONDS` as arc_load_opts.time_limit_ms: 0 when unset,
 * ARC_NO_TIME_LIMIT for `time_limit: 0`. */
unsigned long arc_config_time_limit_ms(const arc_config *c);

/* Disables rules, changes severities and the deadline in rs; a rule id the
 * rule set lacks fails with the config's file:line:col. */
int arc_config_apply(const arc_config *c, arc_ruleset *rs, arc_error *err);

/* Does an ignore entry cover this finding? */
int arc_config_ignored(const arc_config *c, const char *path,
                       const char *rule);

/* ------------------------------------------------------------- document */

/* How files are read.  Zero fields take the defaults. */
typedef struct {
    const char *encoding;    /* force a text encoding (iconv name), or NULL */
    size_t max_uncompressed; /* .docx/.odt/.ofd: bytes decompressed at most;
                                .doc/.rtf: bytes of text (0: 256 MiB) */
    size_t max_entries;      /* zip formats: entries at most (0: 10,000) */
    size_t max_file_size;    /* larger files are refused unread
                                (0: ARC_DEFAULT_MAX_FILE_SIZE) */
    unsigned long time_limit_ms; /* reading + checking one file: CPU time
                                    of the thread checking it, in ms (0:
                                    ARC_DEFAULT_TIME_LIMIT_MS; no limit:
                                    ARC_NO_TIME_LIMIT).  A file over it is
                                    given up cooperatively (no signals) and
                                    its result says so */
} arc_load_opts;

#define ARC_DEFAULT_MAX_FILE_SIZE ((size_t)256 << 20) /* 256 MiB */
#define ARC_DEFAULT_TIME_LIMIT_MS 60000UL            /* 60 s */
#define ARC_NO_TIME_LIMIT ((unsigned long)-1)

/* The input formats archeck reads (the readers table): their number, and
 * the name ("docx"), what users call it ("Word 文档") and the file-name
 * extensions (".docx", NULL-terminated) of format i.  Help texts and
 * folder scans are derived from these.  Returns ARC_EINVAL past the end. */
size_t arc_reader_count(void);
int arc_reader_info(size_t i, const char **name, const char **label,
                    const char *const **extensions);

/* Can text be read from this encoding (an iconv name: GBK, GB18030,
 * UTF-16LE, BIG5 …)? */
int arc_encoding_supported(const char *name);

/* The structure of one document: normalised text, lines, section tree.
 * Knows nothing of rule sets; see arc_run for checking. */
typedef struct arc_doc arc_doc;

/*
 * Parses UTF-8 text (a BOM is skipped); `data` is copied, so the caller
 * may free it afterwards.  Returns ARC_EENCODING with the line and column
 * of the first bad byte when the data is not UTF-8.
 */
int arc_doc_parse(arc_doc **out, const char *path, const char *data,
                  size_t len, arc_error *err);

/*
 * Reads `path` in any supported format (see arc_reader_info; the format
 * comes from the content's magic bytes, else the file name, else a likely
 * content, else text) and parses it.  A file that cannot be read, is broken,
 * encrypted or too large fails with a reason in err (ARC_EIO, ARC_EPARSE,
 * ARC_EENCODING).  `lo` may be NULL.
 */
int arc_doc_load(arc_doc **out, const char *path, const arc_load_opts *lo,
                 arc_error *err);

void arc_doc_free(arc_doc *doc);

const char *arc_doc_path(const arc_doc *doc);

/* The normalised text (full-width digits, letters, brackets, colons and
 * spaces folded to ASCII; CRLF folded to LF). */
const char *arc_doc_text(const arc_doc *doc, size_t *len);

/*
 * Maps a byte offset in the normalised text to the 1-based line and column
 * (in characters) of the original file, and to the original byte offset.
 */
void arc_doc_position(const arc_doc *doc, size_t norm_offset, int *line,
                      int *column, size_t *orig_offset);

/* Where a publication date came from. */
typedef enum {
    ARC_PUB_NONE = 0,
    ARC_PUB_LABEL,     /* 发布时间 / 发布日期 label (patterns from the rule set) */
    ARC_PUB_TITLE,     /* a date printed beside the title */
    ARC_PUB_SIGNATURE, /* the date under the signature at the end */
    ARC_PUB_OVERRIDE,  /* given by the caller (--published) */
    ARC_PUB_META,      /* the web page's <meta name="PubDate"> */
    ARC_PUB_LINE,      /* a date on its own line in the head (under the
                          title, in a metadata list) */
    ARC_PUB_LETTER     /* the date of the transmittal letter or 印发通知
                          before the document (the last resort) */
} arc_pub_source;

/* Where the report year came from. */
typedef enum {
    ARC_YEAR_NONE = 0,
    ARC_YEAR_TITLE,    /* the title's "N年" */
    ARC_YEAR_OPENING,  /* the sentence that opens the report ("N年,…") */
    ARC_YEAR_META,     /* the title in the file's metadata */
    ARC_YEAR_REPORTED, /* "现将N年…报告如下" */
    ARC_YEAR_HEADINGS, /* the years in the headings of the parts */
    ARC_YEAR_EVIDENCE  /* several places agree on N against the title */
} arc_year_source;

/* "label", "title", … ("" for NONE): the names used in outputs. */
const char *arc_pub_source_name(arc_pub_source src);
const char *arc_year_source_name(arc_year_source src);

/* Section tree: headings recognised by their numbering. */
typedef enum {
    ARC_NUM_CN_DUN = 0,  /* 一、 */
    ARC_NUM_CN_PAREN,    /* (一) （一） */
    ARC_NUM_ARABIC,      /* 1. 1、 1． */
    ARC_NUM_ARABIC_PAREN,/* (1) （1） */
    ARC_NUM_CN_SHI,      /* 一是 */
    ARC_NUM_NONE,        /* no label: a heading by its Word outline level */
    ARC_NUM_STYLE_COUNT
} arc_numbering;

typedef struct {
    int level;             /* 1 = top-level heading */
    arc_numbering style;
    int number;            /* value of the numbering label */
    int parent;            /* index of the parent section, -1 at top */
    size_t line_start;     /* normalised offset of the heading line */
    size_t label_start;    /* the numbering label (e.g. "二、") */
    size_t label_end;
    size_t title_start;    /* heading text after the label */
    size_t title_end;
    size_t body_start;     /* own body: up to the first child heading */
    size_t body_end;
    size_t end;            /* end of the whole part, children included */
    int inline_body;       /* body began on the heading line after 。 */
    int outline;           /* Word outline level 1-9, 0 when not known */
} arc_section;

size_t arc_doc_section_count(const arc_doc *doc);
const arc_section *arc_doc_section(const arc_doc *doc, size_t i);

/* ------------------------------------------------------------- findings */

typedef struct {
    const char *path;
    int line;          /* 1-based, 0 for a finding about the whole document */
    int column;        /* 1-based, in characters; 0 with line */
    int page;          /* 1-based page (PDF, OFD), 0 for formats without */
    size_t offset;     /* byte span in the original file (when line > 0) */
    size_t end_offset;
    arc_severity severity;
    const char *rule;
    const char *section; /* required-part id, or "" */
    const char *message;
    const char *evidence; /* at most 80 characters, or "" */
    /* Another report the finding is about (checks across reports: the
     * report a passage was copied from or to, last year's report, the plan
     * an item comes from): its path ("" or NULL when none), and where
     * there (line 0: the whole report).  Added with those checks. */
    const char *related_path;
    int related_line;
    int related_column;
    size_t related_offset;     /* byte span there (when related_line > 0) */
    size_t related_end_offset;
} arc_finding;

typedef struct arc_findings arc_findings;

int arc_findings_new(arc_findings **out);
void arc_findings_free(arc_findings *f);
size_t arc_findings_count(const arc_findings *f);
const arc_finding *arc_findings_get(const arc_findings *f, size_t i);

/* Appends a copy of `fi` (strings are copied). */
int arc_findings_add(arc_findings *f, const arc_finding *fi);

/* Keeps the findings for which keep() returns non-zero, in order. */
void arc_findings_filter(arc_findings *f,
                         int (*keep)(const arc_finding *fi, void *ud),
                         void *ud);

/* Sorts by path, line, column, then rule id (stable for equal keys). */
void arc_findings_sort(arc_findings *f);

/* Number of findings of severity `sev`. */
size_t arc_findings_count_severity(const arc_findings *f, arc_severity sev);

/* ---------------------------------------------------------------- check */

/* How a required part appears in a report. */
typedef enum {
    ARC_PART_MISSING = 0,
    ARC_PART_PROSE,  /* only mentioned in prose under another heading */
    ARC_PART_HEADING /* has a heading of its own */
} arc_part_status;

/* "missing", "prose" or "heading". */
const char *arc_part_status_name(arc_part_status st);

#define ARC_MAX_PARTS 8

/* The per-report scorecard (one row of the summary sheet). */
typedef struct {
    char title[256];         /* truncated at a character boundary */
    char unit[128];          /* issuing body, "" when unknown */
    int report_year;         /* 0 when unknown */
    arc_year_source year_source;
    arc_pub_source published_source;
    int published_y, published_m, published_d;
    char doc_type[32];       /* "annual-report", "work-plan", "other" */
    int checked;             /* 0: the file could not be checked */
    size_t nparts;
    char part_id[ARC_MAX_PARTS][32];
    arc_part_status part_status[ARC_MAX_PARTS];
    size_t errors, warnings, infos;
    int score;               /* 0-100, weights from the rule set */
    /* Checks across reports (added with them); `compared`: which ran. */
    unsigned compared;       /* ARC_CARD_SHARED, ARC_CARD_PLAN */
    double shared_max;       /* the largest share (0-1) of this report's
                                text found in one other report */
    int plan_items;          /* items of the unit's earlier plan */
    int plan_not_followed;   /* of which no measure here addresses */
    char profile[32];        /* the profile whose rules checked it, "" when
                                none did (another document type, unread) */
} arc_scorecard;

#define ARC_CARD_SHARED 1u /* shared_max was measured (copy rules ran) */
#define ARC_CARD_PLAN 2u   /* an earlier plan of the unit was found */

/*
 * Runs every enabled rule of `rs` on `doc` (facts read with the rule set's
 * document profile) and appends the findings to `out`.  A convenience for
 * one document already parsed; batches use arc_run.
 */
int arc_check(const arc_ruleset *rs, const arc_doc *doc, arc_findings *out,
              arc_error *err);

/*
 * A checker holds per-thread match state, so that a batch does not set it
 * up per document.  One checker per thread; the rule set may be shared.
 */
typedef struct arc_checker arc_checker;

int arc_checker_new(arc_checker **out, const arc_ruleset *rs);
void arc_checker_free(arc_checker *c);

/* ------------------------------------------------------------------ run */

/* Results keep the text as archeck read it and its headings (for
 * --extract, the HTML review report, annotated copies). */
#define ARC_RUN_KEEP_TEXT 1u
/* Reference reports (last year's, --previous): their results only feed
 * the corpus pass of a batch (the same unit's earlier report and plan);
 * their own findings are dropped and the corpus pass gives them none. */
#define ARC_RUN_REFERENCE 2u

typedef struct {
    const arc_ruleset *rs;     /* required; must outlive the run */
    const arc_config *config;  /* per-file ignores; may be NULL */
    arc_load_opts load;
    int pub_y, pub_m, pub_d;   /* publication date override; 0 = none */
    unsigned flags;            /* ARC_RUN_* */
    const char *profile;       /* check every document with this profile
                                  (arc_ruleset_profile_id); NULL: each by
                                  its recognised type */
    unsigned jobs;             /* threads arc_run_corpus may use, the
                                  calling one included (0, 1: that one
                                  only); its results do not depend on it */
} arc_run_opts;

/* A run: what every report of a batch is checked with.  Read-only once
 * made, so threads share it (each with its own arc_checker). */
typedef struct arc_run arc_run;

/* Makes a run from o (copied; the rule set and config are borrowed). */
int arc_run_new(arc_run **out, const arc_run_opts *o, arc_error *err);
void arc_run_free(arc_run *run);

/* What became of one file. */
typedef enum {
    ARC_RESULT_CHECKED = 0,
    ARC_RESULT_UNREADABLE  /* could not be read or parsed: see the reason */
} arc_result_status;

/* The outcome of checking one file.  It outlives the document: findings
 * (ignores and severities applied, sorted), scorecard, the facts, and a
 * compact digest for the corpus pass. */
typedef struct arc_result arc_result;

/*
 * Checks the file at `path` with `c` (the calling thread's checker, made
 * for run's rule set).  A file that cannot be read or parsed still gives a
 * result: status ARC_RESULT_UNREADABLE, its reason, one input.unreadable
 * finding, an unchecked scorecard.  Returns 0 with *out set, or ARC_ENOMEM /
 * ARC_EINVAL (then *out is NULL).
 */
int arc_run_file(const arc_run *run, arc_checker *c, const char *path,
                 arc_result **out, arc_error *err);

/* As arc_run_file for bytes already in memory (`path` names them). */
int arc_run_buffer(const arc_run *run, arc_checker *c, const char *path,
                   const char *data, size_t len, arc_result **out,
                   arc_error *err);

/*
 * The corpus pass: checks across all results of a batch (rules whose kind
 * compares reports, e.g. the same file submitted twice).  Appends their
 * findings to the results concerned, re-sorts and rescores them.  Reads
 * only the results' digests.  Results must all come from `run`.  Runs on
 * up to the run's `jobs` threads (started and joined inside this call);
 * the results are the same for every number.
 */
int arc_run_corpus(const arc_run *run, arc_result *const *results, size_t n,
                   arc_error *err);

void arc_result_free(arc_result *r);

const char *arc_result_path(const arc_result *r);
arc_result_status arc_result_status_of(const arc_result *r);

/* Why the file could not be checked (with line/column where known);
 * NULL for a checked file. */
const arc_error *arc_result_error(const arc_result *r);

/* The findings of the report, sorted by position. */
const arc_findings *arc_result_findings(const arc_result *r);

/* The scorecard: facts, parts, counts and score. */
const arc_scorecard *arc_result_scorecard(const arc_result *r);

/* The full title and issuing unit (the scorecard's are truncated). */
const char *arc_result_title(const arc_result *r);
const char *arc_result_unit(const arc_result *r);

/* Name of the reader that read the file ("docx", "text", …), or "". */
const char *arc_result_format(const arc_result *r);

/* With ARC_RUN_KEEP_TEXT: the normalised text as archeck read it (NULL
 * otherwise), its number of lines, and the headings it recognised. */
const char *arc_result_text(const arc_result *r, size_t *len);

typedef struct {
    int line;          /* 1-based line of the heading */
    int page;          /* 1-based page, 0 without pages */
    int level;         /* 1 = top level */
    const char *label; /* "一、", "(二)", "" for an outline-level heading */
    const char *text;  /* the heading's text after the label */
    const char *part;  /* the required part it stands for, or "" */
} arc_heading;

size_t arc_result_heading_count(const arc_result *r);
const arc_heading *arc_result_heading(const arc_result *r, size_t i);

/* 1-based page of a 1-based line (0 without pages or text). */
int arc_result_line_page(const arc_result *r, int line);

/* Frees the text, headings and pages kept with ARC_RUN_KEEP_TEXT (findings,
 * scorecard and facts stay): once the writers that show the text have
 * taken it (arc_writer_prepare), a batch need not hold every text. */
void arc_result_drop_text(arc_result *r);

/* A passage this report shares with another report of the batch, found by
 * the copy checks (for views that show both texts side by side). */
typedef struct {
    const char *rule;         /* the rule that compared the two reports */
    const char *other;        /* the other report's path */
    int line, column;         /* where the passage starts here */
    size_t offset, end_offset; /* its byte span here */
    int other_line, other_column;
    size_t other_offset, other_end_offset;
    size_t chars;             /* characters (ideographs and digits) */
} arc_shared_passage;

/* After the corpus pass: the shared passages of this report, by position
 * (each with a finding of its rule, or part of one). */
size_t arc_result_shared_count(const arc_result *r);
const arc_shared_passage *arc_result_shared(const arc_result *r, size_t i);

/* One item of the unit's earlier plan (next year's plan in last year's
 * report, or this year's work plan) and whether this report's measures
 * address it: the plan follow-up table of a report. */
typedef struct {
    const char *rule;
    const char *plan;          /* path of the report or plan holding it */
    int plan_line, plan_column;
    size_t plan_offset, plan_end_offset;
    const char *item;          /* its first words */
    int followed;              /* 1: a measure here addresses it */
    int line;                  /* the closest measure paragraph here, 0 */
    double score;              /* share (0-1) of the item's words, weighted
                                  by rarity, found there */
} arc_plan_item;

/* After the corpus pass: the plan items checked against this report, in
 * the plan's order. */
size_t arc_result_plan_count(const arc_result *r);
const arc_plan_item *arc_result_plan_item(const arc_result *r, size_t i);

/* A rule example that did not behave: a `bad` example that did not trigger
 * its rule, or a `good` one that did. */
typedef struct {
    const char *rule;
    int bad;         /* 1: a bad example, 0: a good one */
    size_t index;    /* 0-based among the rule's bad (or good) examples */
    const char *file; /* the rule file holding it (a base, with extends) */
    int line;
    int column;
    size_t findings; /* how many findings of the rule it produced */
} arc_example_failure;

typedef void (*arc_example_cb)(const arc_example_failure *f, void *ud);

/*
 * Runs each rule's `examples` (see rules/README.md): every bad example must
 * trigger its rule, every good one must not.  Calls cb for each failure.
 * Stores the number of examples run in *total and the failures in *failed.
 */
int arc_ruleset_test(const arc_ruleset *rs, arc_example_cb cb, void *ud,
                     size_t *total, size_t *failed, arc_error *err);

/* ---------------------------------------------------------------- output */

typedef struct arc_writer arc_writer;

/* Names of the output formats, NULL-terminated:
 *   csv     the audit: one row per finding (UTF-8 BOM, RFC 4180, CRLF)
 *   summary the scorecard: one row per report
 *   text    file:line:col: severity: message [rule]
 *   json    JSON Lines, one finding per line, with byte offsets
 *   sarif   SARIF 2.1.0 (GitHub code scanning)
 *   junit   JUnit XML: a testsuite per report, a testcase per rule
 *   github  GitHub Actions workflow commands (::error file=…::…)
 *   html    the review report: one self-contained page, an overview of
 *           every report and each report's text with its findings marked
 *           (needs the text: see arc_writer_needs_text)
 *   xlsx    an Excel workbook: sheets 汇总 (scorecard), 明细 (findings),
 *           规则 (rules and their counts) */
const char *const *arc_writer_formats(void);

/*
 * Opens a writer of `format` to `path`.  `rs` (may be NULL) supplies the
 * rule list for formats that describe rules (sarif, junit) and the part ids
 * for the summary.  A path of "-" writes to `stream`
 * (normally stdout) directly; a path that exists and is not a regular file
 * (/dev/null, a FIFO) is written in place; any other path is written to a
 * temporary file in the same directory and renamed over `path` by
 * arc_writer_close, so a failed run never leaves a half-written report.
 */
int arc_writer_open(arc_writer **out, const char *format, const char *path,
                    FILE *stream, const arc_ruleset *rs, arc_error *err);

/* Does the writer show each report's text (html)?  Then results should be
 * made with ARC_RUN_KEEP_TEXT; without it the writer lists the findings
 * only. */
int arc_writer_needs_text(const arc_writer *w);

/*
 * Takes what the writer needs of r's text and headings now (the html
 * writer copies them into its file), so that the caller can drop the text
 * (arc_result_drop_text) before the corpus pass instead of holding every
 * text of a batch.  arc_writer_result must follow later for the same
 * result, which stays alive in between; a result given to
 * arc_writer_result unprepared has its text taken then, if it still has
 * it.  Does nothing for a writer that needs no text or a result without
 * text.
 */
int arc_writer_prepare(arc_writer *w, const arc_result *r, arc_error *err);

/* Writes one report's result: its findings and scorecard.  Reports are
 * written in the order given; a report with no findings still counts
 * (junit passes, summary rows). */
int arc_writer_result(arc_writer *w, const arc_result *r, arc_error *err);

/* Writes findings of any number of files (in the order given, each file's
 * findings together). */
int arc_writer_write(arc_writer *w, const arc_findings *f, arc_error *err);

/* Findings at or above sev are failures (junit); default error. */
void arc_writer_set_threshold(arc_writer *w, arc_severity sev);

/* Finishes the report and commits it (rename).  Frees w in all cases. */
int arc_writer_close(arc_writer *w, arc_error *err);

/* Discards an unfinished report (the temporary file is removed). */
void arc_writer_abort(arc_writer *w);

/* ------------------------------------------------------------ annotation */

/*
 * Writes to `out_path` the report of `r` (read from `src_path`) as a Word
 * document with one comment (批注, author "archeck") per finding: its
 * severity and message, and its rule id.  A comment is anchored on the text
 * the finding is about (its line and column, evidence included); on the
 * whole paragraph for a finding about a required part; on the first
 * paragraph with text (the title) for a finding about the whole document.
 *   - A Word document (arc_result_format "docx") is copied: the copy
 *     differs from src_path only by the comments (anchors in
 *     word/document.xml, runs split where an anchor falls inside one,
 *     comments.xml, its relationship and content type); existing comments
 *     and tracked changes are kept.
 *   - Any other format becomes a new document of the text as archeck read
 *     it (one paragraph per line, recognised headings in heading styles,
 *     the title in the title style); r must come from a run with
 *     ARC_RUN_KEEP_TEXT.
 * The file is written atomically (temporary file beside it, rename) and
 * never over src_path itself.  Returns 0, ARC_EINVAL (the file was not
 * checked, the text was not kept, out_path is src_path), ARC_EIO,
 * ARC_EPARSE (a part of the document cannot be edited) or ARC_ENOMEM.
 */
int arc_annotate(const arc_result *r, const char *src_path,
                 const char *out_path, arc_error *err);

#ifdef __cplusplus
}
#endif
#endif

/* testutil.h - helpers shared by the unit suites. */
#ifndef ARC_TESTUTIL_H
#define ARC_TESTUTIL_H

#include "archeck.h"
#include "facts.h"
#include "input.h"

#include <check.h>

/* Runs one suite and returns the process exit status. */
int arc_test_run(Suite *s);

/* Loads a rule set from a YAML string; fails the test on error. */
arc_ruleset *arc_test_rules(const char *yaml);

/* The shipped default rule set (rules/annual-report.yaml). */
arc_ruleset *arc_test_default_rules(void);

/* Parses the structure of a document from a string (path "t.txt"). */
arc_doc *arc_test_doc(const char *text);

/* A document and its facts, read as the pipeline reads them: parsed,
 * folded to simplified characters with rs's profile, facts read with it
 * (rs may be NULL: no folding, default profile).  Owns both. */
typedef struct {
    arc_doc *doc;
    arc_facts facts;
} arc_test_facts_doc;

arc_test_facts_doc *arc_test_facts(const char *text, const arc_ruleset *rs);
void arc_test_facts_free(arc_test_facts_doc *tf);

/* Checks text ("t.txt") with rs through the pipeline (arc_run_buffer) and
 * returns a copy of the result's findings: exactly what users see
 * (sorted).  Free with arc_findings_free. */
arc_findings *arc_test_check(const arc_ruleset *rs, const char *text);

/* Checks text ("t.txt") with rs through the pipeline with run flags
 * (ARC_RUN_*); fails the test when the call fails.  Free with
 * arc_result_free. */
arc_result *arc_test_result(const arc_ruleset *rs, const char *text,
                            unsigned flags);

/* As arc_test_result with full run options (o->rs must be set) and path. */
arc_result *arc_test_result_opts(const arc_run_opts *o, const char *path,
                                 const char *data, size_t len);

/* A result made of given parts, as the pipeline hands one to the writers:
 * path, a copy of card (NULL: a zeroed scorecard of a checked file) and
 * copies of the findings f (may be NULL: none).  For format tests that
 * must control every byte.  Free with arc_result_free. */
arc_result *arc_test_given_result(const char *path, const arc_scorecard *card,
                                  const arc_findings *f);

/* Number of findings with rule id `rule`. */
size_t arc_test_count(const arc_findings *f, const char *rule);

/* The first finding with rule id `rule`, or NULL. */
const arc_finding *arc_test_find(const arc_findings *f, const char *rule);

/* A temporary directory for tests that need files. */
typedef struct {
    char dir[64];
    char path[4096]; /* the last file written by arc_test_put */
} arc_test_dir;

/* Creates /tmp/<prefix>-XXXXXX. */
void arc_test_dir_make(arc_test_dir *t, const char *prefix);

/* Writes dir/rel (creating the directories leading to it) holding s;
 * returns its path (t->path, valid until the next call). */
const char *arc_test_put(arc_test_dir *t, const char *rel, const char *s);

/* Removes a file or a directory tree. */
void arc_test_remove_tree(const char *path);

/* Makes (or finds cached) the LibreOffice fixtures in dir
 * (tests/formats/office_fixtures.sh).  Returns 0, 77 when LibreOffice is
 * missing (the caller skips), or 1. */
int arc_test_office_fixtures(const char *dir);

/* Reads a whole file, NUL-terminated (not counted in *len; len may be
 * NULL); fails the test when it cannot.  The caller frees. */
char *arc_test_slurp(const char *path, size_t *len);

/* A format reader of input.h. */
typedef int (*arc_test_reader)(arc_input *out, const char *data, size_t len,
                               const arc_input_limits *lim, char *reason,
                               size_t reason_size);

/* For each of the n samples named, the reader's text of LibreOffice's
 * conversion (office_dir/samples/ext/NAME.ext) is the sample's .txt byte
 * for byte; fails the test at the first that differs. */
void arc_test_office_same_text(arc_test_reader read, const char *office_dir,
                               const char *ext, const char *const *names,
                               size_t n);

/*
 * main() of a reader's suites: with `--office DIR` the LibreOffice fixtures
 * are made in DIR (77 when LibreOffice is missing), *office_dir is set and
 * office() runs; otherwise plain() runs.  Returns the exit status.
 */
int arc_test_reader_main(int argc, char **argv, Suite *(*plain)(void),
                         Suite *(*office)(void), const char **office_dir);

/* A zip entry: name, contents (a string), general-purpose flags (bit 0:
 * encrypted). */
typedef struct {
    const char *name;
    const char *data;
    unsigned flags;
} arc_test_entry;

/* A zip archive of stored entries, in order; free the result. */
unsigned char *arc_test_zip(const arc_test_entry *e, size_t n, size_t *len);

#endif

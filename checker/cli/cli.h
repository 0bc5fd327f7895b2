/* cli.h - the command line's parts: inputs, the batch runner. */
#ifndef ARC_CLI_H
#define ARC_CLI_H

#include "archeck.h"

#include <stddef.h>

/* Exit statuses: part of the documented interface. */
enum {
    ARC_EXIT_OK = 0,       /* no finding at or above --fail-on */
    ARC_EXIT_FINDINGS = 1, /* at least one finding at or above --fail-on */
    ARC_EXIT_USAGE = 2     /* usage error, bad rule file or config,
                              unreadable input, failed output */
};

typedef struct {
    char **v;
    size_t n, cap;
} strvec;

int strvec_push(strvec *sv, const char *s);
void strvec_free(strvec *sv);

/* What to check: paths, directories (recursive, *.txt / *.md, hidden
 * entries and README.* skipped), --files-from lists, filtered by
 * --include / --exclude globs, sorted and without duplicates. */
typedef struct {
    strvec paths;     /* command-line paths */
    const char *files_from;
    strvec include;
    strvec exclude;
} input_spec;

/* Fills out (sorted, unique).  Problems (a directory that cannot be read,
 * a missing --files-from) are printed; returns -1 after any. */
int inputs_collect(const input_spec *spec, strvec *out);

/* One checked report, handed to the sink in path order. */
typedef struct {
    const char *path;
    arc_findings *findings; /* of this report, sorted */
    arc_scorecard card;
    int unreadable;         /* input.unreadable: err says why */
    arc_error err;
} report;

typedef int (*report_sink)(const report *r, void *ud);

typedef struct {
    const arc_ruleset *rs;
    const arc_config *config; /* per-file ignores, may be NULL */
    int jobs;
    int pub_y, pub_m, pub_d;  /* --published, 0 when unset */
    arc_load_opts load;       /* --encoding, archive limits */
} batch_opts;

/*
 * Checks paths[0..n) with opts->jobs threads and calls sink for each report
 * in path order, on the calling thread, while later files are still being
 * checked; at most a few reports per thread are held at once.  Returns 0,
 * the sink's non-zero result, or ARC_ENOMEM.
 */
int batch_run(const batch_opts *opts, char *const *paths, size_t n,
              report_sink sink, void *ud);

#endif

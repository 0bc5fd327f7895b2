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

/* What to check: paths, directories (recursive: files with an extension
 * of the readers table, or none; hidden entries and README.* left out),
 * --files-from lists, filtered by --include / --exclude globs, sorted and
 * without duplicates. */
typedef struct {
    strvec paths;     /* command-line paths */
    const char *files_from;
    strvec include;
    strvec exclude;
} input_spec;

/* What a folder scan passed over, and why (for "跳过 PATH：REASON"). */
typedef struct {
    char *path;
    char *reason;
    int error; /* a directory that could not be read: the run fails */
} skipped_entry;

typedef struct {
    skipped_entry *v;
    size_t n, cap;
} skipvec;

void skipvec_free(skipvec *sv);

/*
 * Fills out (sorted, unique) and skipped (sorted by path).  Directories are
 * walked following symbolic links, each directory and each file visited
 * once (by device and inode): a link back into the walk, or a second path
 * to a directory or file already found, is skipped with its reason, and so
 * are unreadable directories, entries that are not regular files, Word lock
 * files (~$…) and files of a type no reader takes.  Paths named on the
 * command line or in --files-from are checked whatever they are (the
 * readers say what is wrong with them).  A missing --files-from is printed;
 * returns -1 after it, on out of memory, or when a directory could not be
 * read.
 */
int inputs_collect(const input_spec *spec, strvec *out, skipvec *skipped);

/* Receives each result in path order and takes ownership of it. */
typedef int (*result_sink)(arc_result *r, void *ud);

/*
 * Checks paths[0..n) with `jobs` threads (each with its own checker for rs,
 * the run shared) and calls sink for each result in path order, on the
 * calling thread, while later files are still being checked; at most a few
 * results per thread wait at once.  Returns 0, the sink's non-zero result,
 * or ARC_ENOMEM.
 */
int batch_run(const arc_run *run, const arc_ruleset *rs, int jobs,
              char *const *paths, size_t n, result_sink sink, void *ud);

/*
 * Writes results v[0..n) to each writer of w[0..nw) and closes it, each
 * writer on one thread: up to `jobs` writers at once, the calling thread
 * among them once it calls batch_write_finish (it may write the listing
 * meanwhile; the results must not change until then).  Writers are taken
 * in `order` (indexes into w, the costliest first) and consumed: w[i] is
 * set to NULL, and a writer that fails is aborted, with failed[i] = 1 and
 * its error in errs[i].  Each output is the same whatever `jobs` is.
 * batch_write_start returns NULL when out of memory (nothing started).
 */
typedef struct write_pool write_pool;
write_pool *batch_write_start(arc_writer **w, const size_t *order, size_t nw,
                              arc_result *const *v, size_t n, int jobs,
                              arc_error *errs, int *failed);
void batch_write_finish(write_pool *p);

/* --annotate DIR: writes an annotated copy of each checked result into dir
 * (created if missing): DIR/NAME.docx from the input's base name, "-2",
 * "-3" … for names taken by an earlier input or naming an input; a line
 * per copy on stderr unless quiet.  Returns an exit status (2 after any
 * failure, the others are still written). */
int annotate_results(const char *dir, arc_result *const *results, size_t n,
                     char *const *inputs, size_t ninputs, int quiet,
                     size_t *written);

/* --explain RULE: what rule `id` of rs checks, its basis, message,
 * examples, and how a configuration switches it off or changes its
 * severity; `configured` (may be NULL) is the rule set with config_path
 * applied.  An unknown id is an error naming the close ids.  Returns an
 * exit status. */
int explain_rule(const arc_ruleset *rs, const arc_ruleset *configured,
                 const char *config_path, const char *rules_path,
                 const char *id);

#endif

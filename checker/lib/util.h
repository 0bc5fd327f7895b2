/* util.h - small shared helpers: error filling, growable buffers. */
#ifndef ARC_UTIL_H
#define ARC_UTIL_H

#include "archeck.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define ARC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ARC_PRINTF(f, a)
#endif

/*
 * Fills *err (when err is non-NULL) and returns `code`, so that callers can
 * write `return arc_err(err, ARC_EPARSE, file, line, col, "...")`.
 * `file` may be NULL; line/col 0 mean unknown.
 */
int arc_err(arc_error *err, int code, const char *file, int line, int col,
            const char *fmt, ...) ARC_PRINTF(6, 7);

/* Sets the rule id of an already filled error (no-op for NULL). */
void arc_err_rule(arc_error *err, const char *rule);

/* Shorthand for an out-of-memory failure. */
int arc_err_nomem(arc_error *err);

/*
 * Writes the formatted Chinese reason into reason[0..size) (nothing when
 * reason is NULL or size 0) and returns `rc`, so that readers and packages
 * can write `return arc_reason(reason, size, ARC_EPARSE, "…")`.
 */
int arc_reason(char *reason, size_t size, int rc, const char *fmt, ...)
    ARC_PRINTF(4, 5);

/* arc_reason with ARC_ENOMEM and its reason. */
int arc_reason_nomem(char *reason, size_t size);

/* The first index i in v[0, n) (increasing) with v[i] >= x, or n. */
size_t arc_lower_bound_u32(const uint32_t *v, size_t n, uint64_t x);

/* Grows *buf (of *cap elements of size `elem`) to hold at least `need`.
 * Returns 0 or ARC_ENOMEM (the old buffer is kept on failure). */
int arc_grow(void **buf, size_t *cap, size_t need, size_t elem);

/* Duplicates `len` bytes and NUL-terminates; NULL on ENOMEM. */
char *arc_strndup(const char *s, size_t len);
char *arc_strdup(const char *s);

/* Growable NUL-terminated byte string. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} arc_buf;

int arc_buf_append(arc_buf *b, const char *s, size_t len);
int arc_buf_puts(arc_buf *b, const char *s);
int arc_buf_printf(arc_buf *b, const char *fmt, ...) ARC_PRINTF(2, 3);
void arc_buf_free(arc_buf *b);

/* Writes data to `path` atomically: a temporary file beside it (the
 * writers' naming, PATH.tmp.XXXXXX), fsync, rename over path.  Nothing is
 * left behind on failure.  Returns 0 or ARC_EIO. */
int arc_write_atomic(const char *path, const char *data, size_t len,
                     arc_error *err);

/* Reads a whole regular file of at most `max` bytes (0: no limit).
 * Devices, pipes, sockets and directories are refused without reading
 * (a FIFO does not block), larger files with their size, both with a
 * Chinese reason.  *out is NUL-terminated (not counted in *len). */
int arc_read_file(char **out, size_t *len, const char *path, size_t max,
                  arc_error *err);

/*
 * A file's time budget (arc_load_opts.time_limit_ms), checked
 * cooperatively: readers' loops (through arc_input), the parser, the regex
 * searches (through the matcher) and the rule loop ask arc_budget_passed
 * and give up when it says so.  Measured in the CPU time of the calling
 * thread, so that a loaded machine does not refuse files a quiet one
 * checks.  One per file being checked, owned by its caller; never shared
 * between threads.
 */
typedef struct {
    long long end_ns;  /* thread CPU time at which it expires; 0: never */
    long long wall_next; /* monotonic time before which it cannot have */
    unsigned long ms;  /* the budget, for messages */
    unsigned tick;     /* calls since the clock was last read */
    int expired;       /* set once passed: stays set */
} arc_budget;

/* Starts a budget of lo's time_limit_ms (default for 0, none for
 * ARC_NO_TIME_LIMIT or a NULL lo's default) from now. */
void arc_budget_start(arc_budget *d, const arc_load_opts *lo);

/* Has d passed?  NULL never passes.  Reads the clock only every `every`
 * calls (1: always), so that hot loops can ask often. */
int arc_budget_check(arc_budget *d, unsigned every);

/* The reason given for a file whose budget passed. */
int arc_budget_error(const arc_budget *d, const char *path,
                       arc_error *err);

/* Rule sets and configurations are small: read at most this much. */
#define ARC_MAX_RULES_FILE ((size_t)16 << 20)

#endif

/* report.h - output formats as a table of {name, open, write, close}. */
#ifndef ARC_REPORT_H
#define ARC_REPORT_H

#include "archeck.h"

#include <stdio.h>

struct arc_writer;

/* Each function returns 0 or a negative arc_status; I/O errors are detected
 * once, at close, through ferror.  Rows use designated initialisers, so
 * that an optional hook does not touch every row.
 *   report:  one report's findings (path and card NULL when the caller
 *            passes findings of several files at once, see
 *            arc_writer_write).
 *   needs_text, prepare: the format shows each report's text (html);
 *            prepare takes it from a result before the caller drops it
 *            (arc_writer_prepare), report() follows later for the same
 *            result.
 *   discard: releases the state of a report that is not finished (a
 *            failed close, arc_writer_abort); NULL: free(w->state).  A
 *            format with it releases its state in close as well. */
typedef struct {
    const char *name;
    int (*open)(struct arc_writer *w);
    int (*report)(struct arc_writer *w, const char *path,
                  const arc_scorecard *card, const arc_findings *f);
    int (*close)(struct arc_writer *w);
    int needs_text;
    int (*prepare)(struct arc_writer *w, const arc_result *r);
    void (*discard)(struct arc_writer *w);
} arc_format;

struct arc_writer {
    const arc_format *fmt;
    FILE *fp;
    char *path;   /* target path, NULL when writing to a caller's stream */
    char *tmp;    /* temporary file renamed to path at close */
    void *state;  /* format-specific */
    int own;      /* fp opened here on a non-regular file: close it */
    const arc_ruleset *rs; /* may be NULL */
    arc_severity threshold; /* findings at or above it fail (junit) */
    size_t nreports;
    const arc_result *result; /* while report() runs for arc_writer_result;
                                 NULL for arc_writer_write */
};

/* JSON string literal (quotes included) of s. */
void arc_json_str(FILE *fp, const char *s);

/* XML text / attribute value of s (escaped, no quotes). */
void arc_xml_str(FILE *fp, const char *s);

/* Calls fn for each run of consecutive findings of one file. */
int arc_each_file(struct arc_writer *w, const arc_findings *f,
                  int (*fn)(struct arc_writer *w, const arc_findings *f,
                            size_t from, size_t to));

extern const arc_format arc_format_csv;
extern const arc_format arc_format_summary;
extern const arc_format arc_format_text;
extern const arc_format arc_format_json;
extern const arc_format arc_format_sarif;
extern const arc_format arc_format_junit;
extern const arc_format arc_format_github;
extern const arc_format arc_format_html;
extern const arc_format arc_format_xlsx;

#endif

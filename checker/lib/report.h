/* report.h - output formats as a table of {name, open, write, close}. */
#ifndef ARC_REPORT_H
#define ARC_REPORT_H

#include "archeck.h"

#include <stdio.h>

struct arc_writer;

/* Each function returns 0 or a negative arc_status; I/O errors are detected
 * once, at close, through ferror. */
typedef struct {
    const char *name;
    int (*open)(struct arc_writer *w);
    int (*write)(struct arc_writer *w, const arc_finding *f);
    int (*close)(struct arc_writer *w);
} arc_format;

struct arc_writer {
    const arc_format *fmt;
    FILE *fp;
    char *path;   /* target path, NULL when writing to a caller's stream */
    char *tmp;    /* temporary file renamed to path at close */
    void *state;  /* format-specific */
    int own;      /* fp opened here on a non-regular file: close it */
};

extern const arc_format arc_format_csv;
extern const arc_format arc_format_text;

#endif

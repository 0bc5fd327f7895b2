/* doc.h - the document model: normalised text, lines, title, section tree. */
#ifndef ARC_DOC_H
#define ARC_DOC_H

#include "archeck.h"

#include <stdint.h>
#include "extract.h"
#include "regex.h"
#include "text.h"

/* Document-level settings a rule set provides (all optional). */
typedef struct {
    const arc_regex *chrome;      /* a whole line of site chrome */
    const arc_regex *title_end;   /* how a title ends (joins split titles) */
    const arc_regex *title_strip; /* trailing part of a title line to drop */
    size_t max_title_chars;       /* longer lines are prose, not titles */
    size_t max_heading_chars;     /* longer heading text carries its body */
    const arc_regex *published_label; /* 发布日期: … before a date */
    const arc_regex *unit;        /* group `unit`: the issuer in the title */
    const struct arc_t2s *t2s;    /* traditional -> simplified, or NULL */
    const unsigned char *trad_bits; /* BMP bitmap of traditional-only chars */
    size_t trad_min;              /* that many in the first 1 KiB: fold */
} arc_doc_opts;

/* A year read from the text, with where it was read. */
typedef struct {
    int year;    /* 0 when absent */
    size_t at;   /* normalised span of the year digits */
    size_t end;
} arc_year_at;

typedef struct {
    arc_pub_source source;
    int y, m, d;
    size_t at, end; /* normalised span (not for ARC_PUB_OVERRIDE) */
} arc_pub_date;

/* One line of the normalised text, without its LF. */
typedef struct {
    size_t start;
    size_t end;
    int heading; /* index of the section whose heading this is, or -1 */
} arc_line;

struct arc_doc {
    char *path;
    arc_text text;
    char *title;
    size_t title_start; /* normalised span of the title lines */
    size_t title_end;
    size_t body_start;  /* first offset after the title block */
    arc_line *lines;
    size_t nlines;
    arc_section *sections;
    size_t nsections;
    arc_year_at title_year;   /* first "N年" in the title lines */
    arc_year_at opening_year; /* "N年" opening the first paragraph */
    int year;                 /* report year N: title, else opening; 0 */
    arc_pub_date published;   /* the preferred publication date */
    arc_pub_date signature;   /* the date under the signature, if any */
    char *unit;               /* issuing body ("" when unknown) */
    int traditional;          /* folded from traditional characters */
    const unsigned char *outline; /* while parsing: outline level per line */
    size_t noutline;
};

struct arc_input;

/* Parses data; meta (may be NULL) is what the file format said: title,
 * publication date and issuer from metadata, outline levels per line. */
int arc_doc_parse_opts(arc_doc **out, const char *path, const char *data,
                       size_t len, const arc_doc_opts *opts,
                       const struct arc_input *meta, arc_error *err);

/* The error for invalid UTF-8 at byte `bad`: line and column counted in the
 * valid part before it (LF, CRLF and CR end lines; a BOM is skipped);
 * `also` (may be NULL) is appended to the message. */
int arc_doc_encoding_error(const char *path, const char *data, size_t len,
                           size_t bad, const char *also, arc_error *err);

/* Index of the line holding normalised offset off. */
size_t arc_doc_line_at(const arc_doc *doc, size_t off);

#endif

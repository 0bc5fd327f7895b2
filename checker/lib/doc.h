/* doc.h - the document's structure: normalised text, lines, pages and the
 * section tree from numbering labels and outline levels.  Parsing needs no
 * rule set; what a report says about itself (title, year, dates, unit) is
 * read from this structure by facts.c. */
#ifndef ARC_DOC_H
#define ARC_DOC_H

#include "archeck.h"

#include <stdint.h>
#include "extract.h"
#include "regex.h"
#include "text.h"

struct arc_input;
struct arc_t2s;

/* How the structure is read. */
typedef struct {
    size_t max_heading_chars; /* longer heading text is a numbered paragraph
                                 that carries its body */
} arc_parse_opts;

extern const arc_parse_opts arc_parse_opts_default;

/* One line of the normalised text, without its LF. */
typedef struct {
    size_t start;
    size_t end;
    int heading; /* index of the section whose heading this is, or -1 */
} arc_line;

struct arc_doc {
    char *path;
    arc_text text;
    arc_line *lines;
    size_t nlines;
    uint32_t *page;      /* per line: 1-based page (PDF, OFD), or NULL */
    arc_section *sections;
    size_t nsections;
    int traditional;     /* folded from traditional characters */
    const unsigned char *outline; /* while parsing: outline level per line */
    size_t noutline;
};

/* Parses what a reader produced (text, outline levels, pages).  Returns
 * ARC_EENCODING with the line and column of the first bad byte when the
 * text is not UTF-8. */
int arc_doc_parse_input(arc_doc **out, const char *path,
                        const struct arc_input *in, const arc_parse_opts *o,
                        arc_error *err);

/* Folds the normalised text to simplified characters when its first 1 KiB
 * holds at least `min` of the traditional-only characters in `bits` (a BMP
 * bitmap).  Returns 0 or ARC_ENOMEM. */
int arc_doc_fold_traditional(arc_doc *doc, const struct arc_t2s *t2s,
                             const unsigned char *bits, size_t min);

/* Takes the first section out of the tree (a title set in a heading style
 * is not a part of the report); the sections under it move up a level. */
void arc_doc_drop_first_section(arc_doc *doc);

/* The error for invalid UTF-8 at byte `bad`: line and column counted in the
 * valid part before it (LF, CRLF and CR end lines; a BOM is skipped);
 * `also` (may be NULL) is appended to the message. */
int arc_doc_encoding_error(const char *path, const char *data, size_t len,
                           size_t bad, const char *also, arc_error *err);

/* Index of the line holding normalised offset off. */
size_t arc_doc_line_at(const arc_doc *doc, size_t off);

/* The 1-based page of line li, 0 for formats without pages. */
uint32_t arc_doc_page(const arc_doc *doc, size_t li);

/* Spaces and tabs trimmed from t[s..e). */
size_t arc_trim_start(const char *t, size_t s, size_t e);
size_t arc_trim_end(const char *t, size_t s, size_t e);

/* Does re match somewhere on line ln (re may be NULL: no)? */
int arc_line_matches(const arc_regex *re, arc_matcher *m, const char *t,
                     const arc_line *ln);

#endif

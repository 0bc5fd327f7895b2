/* input.h - turns a file's bytes into UTF-8 text for doc_parse, whatever
 * its format (.txt/.md in UTF-8, UTF-16 or GB18030; .docx; .html), one
 * paragraph per line, with what the format says about title, date and
 * issuer. */
#ifndef ARC_INPUT_H
#define ARC_INPUT_H

#include <stddef.h>

typedef struct arc_input {
    char *text;         /* UTF-8, NUL-terminated, owned */
    size_t len;
    char *title;        /* from metadata (HTML ArticleTitle), or NULL */
    char *published;    /* YYYY-MM-DD from metadata (HTML PubDate), or NULL */
    char *unit;         /* from metadata (HTML ContentSource), or NULL */
    unsigned char *outline; /* per line: 1..9 = heading outline level from
                               the format (Word), 0 = none; NULL if none */
    size_t nlines;      /* entries in outline */
} arc_input;

/* Limits against hostile archives. */
typedef struct {
    size_t max_uncompressed; /* bytes read from all zip entries together */
    size_t max_entries;      /* entries in a zip archive */
} arc_input_limits;

/*
 * Each reader fills *out or returns ARC_ENOMEM / ARC_EPARSE with a Chinese
 * reason in `reason` (e.g. "压缩包已损坏", "文档已加密", "解压后超过 … MiB").
 */
int arc_input_docx(arc_input *out, const char *data, size_t len,
                   const arc_input_limits *lim, char *reason,
                   size_t reason_size);
int arc_input_html(arc_input *out, const char *data, size_t len,
                   char *reason, size_t reason_size);

/* Plain text: `encoding` forces an iconv encoding name (NULL: detect a
 * UTF-8 or UTF-16 BOM, else UTF-8, else GB18030). */
int arc_input_text(arc_input *out, const char *data, size_t len,
                   const char *encoding, char *reason, size_t reason_size);

void arc_input_free(arc_input *in);

/* Appends s[0..n) to the text being built (growing in->text). */
int arc_input_append(arc_input *in, size_t *cap, const char *s, size_t n);

/* Ends the current line: drops trailing spaces and records the line's
 * outline level (0 = none).  An empty line is kept only with keep_empty
 * (Word: line numbers are paragraph numbers; HTML: blank blocks vanish). */
int arc_input_end_line(arc_input *in, size_t *cap, size_t *ocap,
                       unsigned char outline, int keep_empty);

#endif

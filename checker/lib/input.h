/* input.h - the readers: each turns a file's bytes into UTF-8 text for
 * doc_parse, one paragraph per line, with what the format says about
 * title, date and issuer, the outline level and the page of each line.
 *
 * Readers are a table (readers.c): a new format is one input_<fmt>.c
 * file defining an arc_reader and one row in arc_readers[]. */
#ifndef ARC_INPUT_H
#define ARC_INPUT_H

#include "archeck.h"

#include <stddef.h>
#include <stdint.h>

typedef struct arc_input {
    char *text;         /* UTF-8, NUL-terminated; owned unless `borrowed` */
    size_t len;
    int borrowed;       /* text points into the caller's bytes */
    int unvalidated;    /* text is the file's bytes, not yet checked to be
                           UTF-8 (doc_parse validates while normalising;
                           on failure the reader's `fallback` decodes) */
    char *title;        /* from metadata (HTML ArticleTitle), or NULL */
    char *published;    /* YYYY-MM-DD from metadata (HTML PubDate), or NULL */
    char *unit;         /* from metadata (HTML ContentSource), or NULL */
    char *chrome;       /* the page's text outside the article (web pages:
                           title, info bar, metadata table), or NULL: the
                           facts read publication dates from it */
    unsigned char *outline; /* per line: 1..9 = heading outline level from
                               the format (Word), 0 = none; NULL if none */
    size_t nlines;      /* lines ended so far (entries in outline/page) */
    uint32_t *page;     /* per line: 1-based page, or NULL (no pages) */
    uint32_t cur_page;  /* readers with pages set it before ending lines */
    size_t pcap;
} arc_input;

/*
 * A reader.  Every reader follows one protocol:
 *   sniff(data, len): 2 when the bytes are certainly this format (magic
 *       bytes: a zip holding word/document.xml, %PDF-, an OLE2 header),
 *       1 when they look like it (a text starting with <html), else 0;
 *       may be NULL.  A certain sniff beats the file name; a likely one is
 *       used only when the name says nothing.
 *   read(out, data, len, opts, reason, size): fills *out and returns 0, or
 *       returns ARC_ENOMEM, or ARC_EPARSE (broken, encrypted, refused,
 *       over a limit) / ARC_EENCODING (text that cannot be decoded) with a
 *       Chinese reason in `reason` that names the cause, e.g. "压缩包已损坏",
 *       "文档已加密", "扫描件，没有文字层，无法检查".  *out is left empty on
 *       failure.  `data` stays valid while *out is used.
 *   fallback: only for readers that hand over unvalidated bytes (text):
 *       decodes them when they turned out not to be UTF-8.
 */
typedef struct {
    const char *name;                /* "docx", "pdf", … (--help, errors) */
    const char *label;               /* what users call it: "Word 文档" */
    const char *const *extensions;   /* lower case with the dot; NULL-ended */
    int (*sniff)(const char *data, size_t len);
    int (*read)(arc_input *out, const char *data, size_t len,
                const arc_load_opts *o, char *reason, size_t reason_size);
    int (*fallback)(arc_input *out, const char *data, size_t len,
                    const arc_load_opts *o, char *reason, size_t reason_size);
} arc_reader;

/* The table, NULL-terminated, in sniffing order; text is last and reads
 * whatever no other reader claims. */
extern const arc_reader *const arc_readers[];

/* The reader for a file: a certain sniff, else the extension, else a
 * likely sniff, else text. */
const arc_reader *arc_reader_for(const char *path, const char *data,
                                 size_t len);

/* The reader whose extension list holds path's extension, or NULL. */
const arc_reader *arc_reader_by_name(const char *path);

/* Does data[0..len) contain the bytes of s (e.g. a zip entry name)? */
int arc_bytes_contain(const char *data, size_t len, const char *s);

extern const arc_reader arc_reader_text;
extern const arc_reader arc_reader_docx;
extern const arc_reader arc_reader_html;
extern const arc_reader arc_reader_pdf;
extern const arc_reader arc_reader_ofd;
extern const arc_reader arc_reader_doc;
extern const arc_reader arc_reader_odt;
extern const arc_reader arc_reader_rtf;

/* Limits against hostile archives (zip-based formats). */
typedef struct {
    size_t max_uncompressed; /* bytes read from all zip entries together */
    size_t max_entries;      /* entries in a zip archive */
} arc_input_limits;

/* The archive limits of o (defaults for zeros or a NULL o). */
arc_input_limits arc_input_limits_of(const arc_load_opts *o);

int arc_input_docx(arc_input *out, const char *data, size_t len,
                   const arc_input_limits *lim, char *reason,
                   size_t reason_size);
int arc_input_html(arc_input *out, const char *data, size_t len,
                   char *reason, size_t reason_size);
/* .doc/.wps (Word 97-2003 in an OLE2 compound file); lim->max_uncompressed
 * caps the bytes of text extracted. */
int arc_input_doc(arc_input *out, const char *data, size_t len,
                  const arc_input_limits *lim, char *reason,
                  size_t reason_size);
/* Writes `value` as a list label number in Word's format `numfmt` (the
 * w:numFmt names: decimal, chineseCounting, upperRoman …; NULL is decimal)
 * into out (64 bytes), for readers that render other formats' lists. */
void arc_list_number(const char *numfmt, int value, char *out);

/* .odt (OpenDocument text); the zip limits as for .docx. */
int arc_input_odt(arc_input *out, const char *data, size_t len,
                  const arc_input_limits *lim, char *reason,
                  size_t reason_size);
/* .rtf; lim->max_uncompressed caps the bytes of text extracted. */
int arc_input_rtf(arc_input *out, const char *data, size_t len,
                  const arc_input_limits *lim, char *reason,
                  size_t reason_size);

/* PDF through poppler: paragraphs of the text layer, pages per line. */
int arc_input_pdf(arc_input *out, const char *data, size_t len,
                  char *reason, size_t reason_size);

/* OFD (GB/T 33190): paragraphs of the text objects of the first document's
 * pages, pages per line; lim as for .docx. */
int arc_input_ofd(arc_input *out, const char *data, size_t len,
                  const arc_input_limits *lim, char *reason,
                  size_t reason_size);

/* Plain text: `encoding` forces an iconv encoding name (NULL: detect a
 * UTF-8 or UTF-16 BOM, else UTF-8, else GB18030). */
int arc_input_text(arc_input *out, const char *data, size_t len,
                   const char *encoding, char *reason, size_t reason_size);

/* A decoder from a legacy encoding to UTF-8, for readers that meet encoded
 * bytes inside a document (RTF's \'hh): iconv stays in input_text.c. */
typedef struct arc_decoder arc_decoder;

/* Opens a decoder from `encoding` (an iconv name: GB18030, CP1252 …).
 * Returns 0, ARC_ENOMEM, or ARC_EINVAL when iconv does not know it. */
int arc_decoder_open(arc_decoder **out, const char *encoding);

/* Appends s[0..n) decoded to the text being built; bytes that do not
 * decode (or end a multi-byte character early) become U+FFFD. */
int arc_decoder_append(arc_decoder *d, arc_input *in, size_t *cap,
                       const char *s, size_t n);
void arc_decoder_free(arc_decoder *d);

void arc_input_free(arc_input *in);

/* Appends s[0..n) to the text being built (growing in->text). */
int arc_input_append(arc_input *in, size_t *cap, const char *s, size_t n);

/* Ends the current line: drops trailing spaces and records the line's
 * outline level (0 = none) and, once a reader set cur_page, its page.  An
 * empty line is kept only with keep_empty (Word: line numbers are
 * paragraph numbers; HTML: blank blocks vanish). */
int arc_input_end_line(arc_input *in, size_t *cap, size_t *ocap,
                       unsigned char outline, int keep_empty);

#endif

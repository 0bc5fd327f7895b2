/* layout.h - text placed on pages (PDF, OFD) turned into paragraphs.
 *
 * A page-oriented reader adds the visual lines of each page in reading
 * order, with their boxes; arc_layout_emit drops running headers, footers
 * and page numbers, joins the lines of a paragraph (across pages too) and
 * writes one paragraph per line into an arc_input, with the page on which
 * each paragraph starts. */
#ifndef ARC_LAYOUT_H
#define ARC_LAYOUT_H

#include "input.h"

#include <stddef.h>
#include <stdint.h>

/* One visual line.  Coordinates are in the page's units, along the line
 * (x) and across it, downwards (y). */
typedef struct {
    size_t off, len;    /* the cleaned text in the layout's buffer */
    double x0, x1;      /* left and right edge */
    double top, bottom; /* upper and lower edge */
    double rel;         /* the line's middle down the page: 0 top … 1
                           bottom; negative when the page size is unknown */
    uint32_t page;      /* 1-based */
} arc_layout_line;

typedef struct {
    char *buf; /* the lines' text, not NUL-separated */
    size_t blen, bcap;
    arc_layout_line *lines;
    size_t n, cap;
    uint32_t npages;  /* pages of the document, text or not (the reader
                         sets it; repeated headers are counted against it) */
    size_t max_text;  /* bytes of line text accepted, see arc_layout_add */
} arc_layout;

/* An empty layout accepting at most max_text bytes of text. */
void arc_layout_init(arc_layout *l, size_t max_text);
void arc_layout_free(arc_layout *l);

/*
 * Adds a line of page `page` (pages in nondecreasing order).  The text is
 * cleaned: control, zero-width and private-use characters dropped, runs
 * of white space made one space, and a space next to a CJK character
 * dropped (PDF producers space out CJK text and put spaces where the font
 * changes, as in "2025 年").  A line left empty is not added.  Returns 0,
 * ARC_ENOMEM, or ARC_EPARSE when the text (or the number of lines) passes
 * the limit.
 */
int arc_layout_add(arc_layout *l, uint32_t page, const char *s, size_t n,
                   double x0, double x1, double top, double bottom,
                   double rel);

/*
 * Appends the document's paragraphs to `in`, one per line, each with the
 * page it starts on (in->cur_page).  Lines near the top or bottom edge of a
 * page that are page numbers ("- 3 -", "第3页 共12页", "3/12") or that repeat
 * at the same place on most pages are dropped.  A line ends its paragraph
 * when it ends in 。！？：； (before closing quotes), stops clearly short of
 * the right margin, is followed by a numbered heading (一、 (一) 1. 1、 (1)
 * 一是), by an indented line, by a line in another size or by a wider gap.
 * Joined lines meet without a space, except between two Latin letters or
 * digits.  Returns 0 or ARC_ENOMEM.
 */
int arc_layout_emit(const arc_layout *l, arc_input *in);

/* Is cp a CJK character or full-width form, next to which a space carries
 * no meaning? */
int arc_layout_is_cjk(uint32_t cp);

#endif

/* facts.h - the report facts: title, issuing unit, report year and
 * publication date, read from a parsed document with the rule set's
 * document profile (chrome, title endings, date labels, unit pattern).
 * The document's structure (doc.h) knows nothing of these. */
#ifndef ARC_FACTS_H
#define ARC_FACTS_H

#include "doc.h"
#include "regex.h"

struct arc_input;
struct arc_t2s;

/* How the rule set's document profile recognises facts (all optional). */
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
} arc_doc_profile;

/* A year read from the text, with where it was read. */
typedef struct {
    int year;    /* 0 when absent */
    size_t at;   /* normalised span of the year digits */
    size_t end;
} arc_year_at;

typedef struct {
    arc_pub_source source;
    int y, m, d;
    size_t at, end; /* normalised span (not for ARC_PUB_OVERRIDE/META) */
} arc_pub_date;

typedef struct {
    char *title;        /* "" when none; owned */
    size_t title_start; /* normalised span of the title lines */
    size_t title_end;
    size_t body_start;  /* first offset after the title block */
    int title_section;  /* the section that is the title (a title in a
                           heading style), or -1 */
    arc_year_at title_year;   /* first "N年" in the title lines */
    arc_year_at opening_year; /* "N年" opening the first paragraph */
    int year;                 /* report year N; 0 when unknown */
    arc_year_source year_source;
    arc_pub_date published;   /* the preferred publication date */
    arc_pub_date signature;   /* the date under the signature, if any */
    char *unit;               /* issuing body ("" when unknown); owned */
} arc_facts;

/*
 * Reads the facts of doc into *f with profile p (NULL: defaults).  meta
 * (may be NULL) is what the file format said (HTML title, date, issuer),
 * which wins over the text.  Returns 0 or ARC_ENOMEM; on failure *f holds
 * nothing to free.
 */
int arc_facts_read(arc_facts *f, const arc_doc *doc, const arc_doc_profile *p,
                   const struct arc_input *meta, arc_error *err);

/* Overrides the publication date (--published). */
void arc_facts_set_published(arc_facts *f, int y, int m, int d);

/* Releases what arc_facts_read allocated; f may be zeroed. */
void arc_facts_free(arc_facts *f);

/* The defaults used for a NULL profile. */
extern const arc_doc_profile arc_doc_profile_default;

#endif

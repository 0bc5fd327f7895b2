/* facts.h - the report facts: document type, title, issuing unit, report
 * year and publication date, read from a parsed document with the rule
 * set's document profile.  The head of the document is first split into
 * zones (site chrome, date widgets, metadata lines, a transmittal letter,
 * meeting lines, the addressee, the title); what each fact may be read
 * from depends on the zone.  All wording (chrome, labels, cues, evidence
 * patterns) comes from the profile; C knows the date syntax, the
 * numbering and the mechanisms (zones, ranked labels, weighed evidence).
 * The document's structure (doc.h) knows nothing of these. */
#ifndef ARC_FACTS_H
#define ARC_FACTS_H

#include "doc.h"
#include "regex.h"

struct arc_input;
struct arc_t2s;

/* A list of compiled patterns (owned by whoever owns the profile). */
typedef struct {
    arc_regex **v;
    size_t n;
} arc_pattern_list;

/* A cue: a pattern that counts when it matches at least `min` times. */
typedef struct {
    arc_regex *re;
    int min;
} arc_cue;

typedef struct {
    arc_cue *v;
    size_t n;
} arc_cue_list;

/* A label that introduces a publication date; lower rank is preferred
 * (发布日期 before 成文日期). */
typedef struct {
    arc_regex *re;
    int rank;
} arc_pub_label;

/* Where a piece of year evidence is looked for. */
typedef enum {
    ARC_EV_TITLE = 0, /* the title (or the page's metadata title) */
    ARC_EV_OPENING,   /* the opening lines after the title */
    ARC_EV_HEADING    /* the text of each top-level heading */
} arc_ev_zone;

/* One kind of year evidence: `re` (group `year`, else the whole match's
 * first four digits) found in `from` adds `weight` to year + offset. */
typedef struct {
    arc_regex *re;
    int group;    /* index of group `year`, or -1 */
    arc_ev_zone from;
    int weight;
    int offset;
    arc_year_source source;
} arc_year_rule;

/* A document type: how it is recognised (see rules/README.md). */
typedef struct {
    char *id;          /* scorecard doc type: annual-report, work-plan, other */
    char *name;        /* display name, {found} in doc.type messages */
    arc_regex *title;  /* on the title, 《…》 spans left out */
    arc_cue_list body; /* in the head of the text */
    int body_min;      /* distinct body cues needed (1) */
    arc_cue_list cues; /* strong: any one decides, before titles */
    arc_pattern_list masks; /* masked names or digits (templates) */
    int masks_min;     /* distinct masks needed in the head (2); one in
                          the title is enough */
    int fallback;      /* the type of a document nothing recognises */
    int bare;          /* instead of the fallback when the document has
                          no title and no report year either */
} arc_doc_type;

/* How the rule set's document profile recognises facts (all optional).
 * The profile owns its patterns and lists (arc_doc_profile_clear); the
 * OpenCC converter and the marker bitmap belong to the ruleset. */
typedef struct {
    arc_pattern_list chrome;      /* a whole line of site chrome */
    arc_regex *widget;            /* a date widget (今天是…星期…): chrome,
                                     its date included */
    arc_pattern_list meta;        /* a metadata line (labels, index codes) */
    arc_pattern_list meeting;     /* speech form: meeting and speaker lines */
    arc_regex *addressee;   /* 主送 line (国务院:) */
    arc_regex *title_end;   /* how a title ends (joins split titles) */
    arc_regex *title_subject; /* words a title line must contain */
    arc_regex *title_prefix;  /* leading 文号 / [栏目] to drop */
    arc_regex *title_continues; /* the end of a first title line or the
                                   start of a second that says the title
                                   goes on (…关于 / 关于…的报告) */
    arc_regex *title_strip; /* trailing part of a title line to drop */
    size_t max_title_chars;       /* longer lines are prose, not titles */
    size_t max_heading_chars;     /* longer heading text carries its body */
    arc_pattern_list letter_start;  /* 报送函 / 印发通知: where it starts */
    arc_regex *letter_body;   /* 现将…呈送…请审阅 */
    arc_regex *letter_after;  /* lines after its date ((此件公开发布)) */
    arc_regex *letter_title;  /* 关于报送/印发…: the letter's title */
    arc_regex *signature_mark; /* a date right before it is a
                                        signature date ((此件公开发布)) */
    arc_pub_label *labels;        /* publication date labels, by rank */
    size_t nlabels;
    arc_regex *date_before; /* what may precede a date on its own
                                     line (bullet, unit) */
    arc_regex *date_after;  /* and follow it (来源:…) */
    arc_year_rule *year_rules;
    size_t nyear_rules;
    arc_pattern_list year_exclude; /* spans never read as a report year */
    int year_min_weight;          /* less evidence: no year */
    arc_doc_type *types;
    size_t ntypes;
    size_t head_chars;            /* characters after the title that body
                                     cues are looked for in */
    size_t cue_chars;             /* and strong cues and masks */
    arc_regex *unit;        /* group `unit`: the issuer in the title */
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

/* A span not in the text (a date from metadata or the command line). */
#define ARC_NOWHERE ((size_t)-1)

typedef struct {
    arc_pub_source source;
    int y, m, d;
    size_t at, end; /* normalised span, ARC_NOWHERE when not in the text */
} arc_pub_date;

/* What a line of the head is. */
typedef enum {
    ARC_ZONE_TEXT = 0, /* the document itself */
    ARC_ZONE_BLANK,
    ARC_ZONE_CHROME,
    ARC_ZONE_WIDGET,
    ARC_ZONE_META,
    ARC_ZONE_LETTER,
    ARC_ZONE_MEETING,
    ARC_ZONE_ADDRESSEE
} arc_zone;

typedef struct {
    char *title;        /* "" when none; owned */
    size_t title_start; /* normalised span of the title lines */
    size_t title_end;
    size_t body_start;  /* first offset after the title block */
    int title_section;  /* the section that is the title (a title in a
                           heading style), or -1 */
    int title_meta;     /* the title is the page's metadata title */
    /* The document type (profile types; NULL names when none declared). */
    const char *type_id;   /* "annual-report" when the profile has none */
    const char *type_name; /* "" when the profile has none */
    int type;              /* index in the profile's types, or -1 */
    const char *type_how;  /* "title", "cue", "body", "mask", "fallback",
                              "bare" */
    size_t type_at, type_end; /* what recognised it, ARC_NOWHERE: nothing */
    arc_year_at title_year;   /* first "N年" evidence in the title */
    arc_year_at opening_year; /* "N年" opening the first paragraph */
    arc_year_at reported_year; /* 现将N年…报告如下 */
    int year;                 /* report year N; 0 when unknown */
    arc_year_source year_source;
    int year_weight;          /* the evidence behind N */
    arc_pub_date published;   /* the preferred publication date */
    int published_rank;       /* the label's rank (0: not a label) */
    arc_pub_date signature;   /* the date under the signature, if any */
    size_t letter_start, letter_end; /* the transmittal letter, or 0, 0 */
    arc_pub_date letter_date; /* the letter's own date */
    char *unit;               /* issuing body ("" when unknown); owned */
    arc_zone *zones;          /* per line of the head; owned */
    size_t nzones;
} arc_facts;

/*
 * Reads the facts of doc into *f with profile p (NULL: defaults).  meta
 * (may be NULL) is what the file format said (HTML title, date, issuer,
 * the page's text outside the article), which wins over the text.
 * Returns 0 or ARC_ENOMEM; on failure *f holds nothing to free.
 */
int arc_facts_read(arc_facts *f, const arc_doc *doc, const arc_doc_profile *p,
                   const struct arc_input *meta, arc_error *err);

/* Overrides the publication date (--published). */
void arc_facts_set_published(arc_facts *f, int y, int m, int d);

/* Releases what arc_facts_read allocated; f may be zeroed. */
void arc_facts_free(arc_facts *f);

/* The zone of line li (ARC_ZONE_TEXT past the head). */
arc_zone arc_facts_zone(const arc_facts *f, size_t li);

/* Releases what a document type owns; ty may be zeroed. */
void arc_doc_type_clear(arc_doc_type *ty);

/* Releases what a profile owns (the ruleset's); p may be zeroed. */
void arc_doc_profile_clear(arc_doc_profile *p);

/* The defaults used for a NULL profile. */
extern const arc_doc_profile arc_doc_profile_default;

#endif

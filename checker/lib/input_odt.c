/* input_odt.c - .odt (OpenDocument text) to text, one line per paragraph,
 * heading or table cell paragraph, as the Word readers give them.
 *
 * content.xml is walked in document order: text:h (its text:outline-level
 * is the line's outline level), text:p, lists, tables, sections and index
 * bodies.  List labels, which are not part of the text, are rendered from
 * the list styles (content.xml's automatic styles, then styles.xml) and
 * heading labels from the outline style, so that a numbered heading reads
 * "一、…" as it does on screen.  Notes, annotations, tracked deletions,
 * frames (text boxes, images) and hidden text (text:display="none") are
 * not body text.  The archive is opened through package.c under the
 * .docx reader's limits. */
#include "input.h"

#include "archeck.h"
#include "package.h"
#include "util.h"
#include "xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAD "不是有效的 OpenDocument 文档："
#define MIME "application/vnd.oasis.opendocument."
#define NLVL 10       /* ODF list levels */
#define HOPS 10       /* style:parent-style-name links followed */
#define MAX_COUNT 1000000
#define MAX_SPACES 1000 /* text:s text:c beyond this is not layout */

/* ------------------------------------------------------------- styles */

/* A level of a list style (or of the outline style). */
typedef struct {
    int number;    /* a numbered level with a format: labels shown */
    const char *fmt; /* Word's w:numFmt name for arc_list_number */
    char *prefix, *suffix;
    int display;   /* text:display-levels */
    int start;
    int nosuff;    /* label followed by nothing */
} llevel;

typedef struct {
    char *name;
    size_t seq;     /* load order: content.xml comes after styles.xml */
    llevel lv[NLVL];
    size_t last;    /* the list state that last counted with it, */
    int has_last;   /* for text:continue-numbering */
} lstyle;

/* A paragraph or text style: what a paragraph or span inherits. */
typedef struct {
    char *name;
    size_t seq;
    char *parent;
    char *list;  /* style:list-style-name */
    int hidden;  /* text:display="none": -1 unset */
} pstyle;

typedef struct {
    int value[NLVL];
    unsigned char used[NLVL];
} counters;

typedef struct {
    counters cnt;
} list_state;

typedef struct {
    char *id;     /* xml:id of a text:list; NULL: a free slot */
    size_t list;  /* its list_state */
} list_id;

/* Where a paragraph sits in a list. */
typedef struct {
    size_t list;        /* list_state index */
    const lstyle *style;
    int level;          /* 1-based */
    int pending;        /* the item's first paragraph gets the label */
    int start;          /* text:start-value of the item, -1 none */
} item;

typedef struct {
    arc_input *in;
    size_t cap, ocap;
    const arc_xml *x; /* the part being walked */
    lstyle *lists;
    size_t nlists, clists;
    lstyle outline;   /* text:outline-style */
    counters ocnt;    /* heading numbering */
    pstyle *styles;
    size_t nstyles, cstyles;
    list_state *states;
    size_t nstates, cstates;
    list_id *ids;     /* a hash table of cids (a power of two) slots */
    size_t nids, cids;
    size_t seq;       /* styles loaded so far */
    int ws;           /* the line ends in white space (ODF collapses) */
} ctx;

static void lstyle_free(lstyle *l)
{
    free(l->name);
    for (int k = 0; k < NLVL; k++) {
        free(l->lv[k].prefix);
        free(l->lv[k].suffix);
    }
}

static void ctx_free(ctx *c)
{
    for (size_t i = 0; i < c->nlists; i++)
        lstyle_free(&c->lists[i]);
    free(c->lists);
    lstyle_free(&c->outline);
    for (size_t i = 0; i < c->nstyles; i++) {
        free(c->styles[i].name);
        free(c->styles[i].parent);
        free(c->styles[i].list);
    }
    free(c->styles);
    free(c->states);
    for (size_t i = 0; i < c->cids; i++)
        free(c->ids[i].id);
    free(c->ids);
}

static int is(const arc_xml_node *n, const char *name)
{
    return arc_xml_is_element(n) && strcmp(arc_xml_name(n), name) == 0;
}

static const arc_xml_node *child(const arc_xml_node *n, const char *name)
{
    for (const arc_xml_node *c = arc_xml_first_child(n); c;
         c = arc_xml_next(c))
        if (is(c, name))
            return c;
    return NULL;
}

static int to_int(const char *s, int def, int lo, int hi)
{
    if (!s)
        return def;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end)
        return def;
    return v < lo ? lo : v > hi ? hi : (int)v;
}

static int dup(char **out, const char *s)
{
    *out = NULL;
    return s && !(*out = arc_strdup(s)) ? ARC_ENOMEM : 0;
}

/* ODF's style:num-format is a sample of the sequence ("1", "a", "一, 二,
 * 三, ..."); the Word format of the same numbers. */
static const char *word_format(const char *f)
{
    static const struct {
        const char *odf, *word;
    } t[] = {
        {"a", "lowerLetter"},
        {"A", "upperLetter"},
        {"i", "lowerRoman"},
        {"I", "upperRoman"},
        {"01", "decimalZero"},
        {"一", "chineseCounting"},
        {"壹", "chineseLegalSimplified"},
        {"①", "decimalEnclosedCircle"},
        {"⑴", "decimalEnclosedParen"},
        {"⒈", "decimalEnclosedFullstop"},
        {"１", "decimalFullWidth"},
        {"甲", "ideographTraditional"},
        {"子", "ideographZodiac"},
    };
    for (size_t i = 0; i < ARC_ARRAY_LEN(t); i++) {
        size_t n = strlen(t[i].odf);
        if (strncmp(f, t[i].odf, n) == 0 &&
            (!f[n] || f[n] == ',' || f[n] == ' '))
            return t[i].word;
    }
    return "decimal";
}

/* text:list-level-style-number / -bullet / -image, or an outline level. */
static int load_level(const arc_xml *x, const arc_xml_node *e, lstyle *l)
{
    int k = to_int(arc_xml_attr(x, e, "level"), 0, 0, NLVL + 1);
    if (k < 1 || k > NLVL)
        return 0;
    llevel *lv = &l->lv[k - 1];
    free(lv->prefix);
    free(lv->suffix);
    memset(lv, 0, sizeof *lv);
    const char *name = arc_xml_name(e);
    const char *f = arc_xml_attr(x, e, "num-format");
    lv->number = (strcmp(name, "list-level-style-number") == 0 ||
                  strcmp(name, "outline-level-style") == 0) &&
                 f && *f;
    if (!lv->number)
        return 0;
    lv->fmt = word_format(f);
    lv->display = to_int(arc_xml_attr(x, e, "display-levels"), 1, 1, k);
    lv->start = to_int(arc_xml_attr(x, e, "start-value"), 1, 0, MAX_COUNT);
    const char *v = arc_xml_attr(x, child(child(e, "list-level-properties"),
                                         "list-level-label-alignment"),
                                 "label-followed-by");
    lv->nosuff = v && strcmp(v, "nothing") == 0;
    if (dup(&lv->prefix, arc_xml_attr(x, e, "num-prefix")) ||
        dup(&lv->suffix, arc_xml_attr(x, e, "num-suffix")))
        return ARC_ENOMEM;
    return 0;
}

static int load_list_style(const arc_xml *x, const arc_xml_node *e,
                           lstyle *l)
{
    for (const arc_xml_node *v = arc_xml_first_child(e); v;
         v = arc_xml_next(v))
        if (arc_xml_is_element(v) && load_level(x, v, l))
            return ARC_ENOMEM;
    return 0;
}

static int load_style(ctx *c, const arc_xml *x, const arc_xml_node *e)
{
    const char *family = arc_xml_attr(x, e, "family");
    if (!family || (strcmp(family, "paragraph") && strcmp(family, "text")))
        return 0;
    if (!arc_xml_attr(x, e, "name"))
        return 0;
    if (arc_grow((void **)&c->styles, &c->cstyles, c->nstyles + 1,
                 sizeof *c->styles))
        return ARC_ENOMEM;
    pstyle *s = &c->styles[c->nstyles++];
    memset(s, 0, sizeof *s);
    s->hidden = -1;
    s->seq = c->seq++;
    if (dup(&s->name, arc_xml_attr(x, e, "name")) ||
        dup(&s->parent, arc_xml_attr(x, e, "parent-style-name")) ||
        dup(&s->list, arc_xml_attr(x, e, "list-style-name")))
        return ARC_ENOMEM;
    const char *d = arc_xml_attr(x, child(e, "text-properties"), "display");
    if (d)
        s->hidden = strcmp(d, "none") == 0;
    return 0;
}

/* The styles of one container (office:styles, office:automatic-styles). */
static int load_styles(ctx *c, const arc_xml *x, const arc_xml_node *box)
{
    for (const arc_xml_node *e = arc_xml_first_child(box); e;
         e = arc_xml_next(e)) {
        int rc = 0;
        if (is(e, "list-style") && arc_xml_attr(x, e, "name")) {
            if (arc_grow((void **)&c->lists, &c->clists, c->nlists + 1,
                         sizeof *c->lists))
                return ARC_ENOMEM;
            lstyle *l = &c->lists[c->nlists++];
            memset(l, 0, sizeof *l);
            l->seq = c->seq++;
            rc = dup(&l->name, arc_xml_attr(x, e, "name"));
            if (!rc)
                rc = load_list_style(x, e, l);
        } else if (is(e, "outline-style")) {
            rc = load_list_style(x, e, &c->outline);
        } else if (is(e, "style")) {
            rc = load_style(c, x, e);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Styles are sorted by name once loaded, the last loaded of a name first
 * (content.xml's automatic styles come after styles.xml and win), and
 * looked up by binary search: documents have thousands of automatic
 * styles and look one up per span. */
static int cmp_lstyle(const void *a, const void *b)
{
    const lstyle *x = a, *y = b;
    int d = strcmp(x->name, y->name);
    return d ? d : (x->seq < y->seq) - (x->seq > y->seq);
}

static int cmp_pstyle(const void *a, const void *b)
{
    const pstyle *x = a, *y = b;
    int d = strcmp(x->name, y->name);
    return d ? d : (x->seq < y->seq) - (x->seq > y->seq);
}

static void sort_styles(ctx *c)
{
    if (c->nlists)
        qsort(c->lists, c->nlists, sizeof *c->lists, cmp_lstyle);
    if (c->nstyles)
        qsort(c->styles, c->nstyles, sizeof *c->styles, cmp_pstyle);
}

/* The first entry named `name` of a sorted array (n entries of `size`
 * bytes, each starting with its name), or NULL. */
static void *find_named(void *base, size_t n, size_t size, const char *name)
{
    size_t a = 0, b = n;
    while (name && a < b) {
        size_t mid = a + (b - a) / 2;
        if (strcmp(*(char **)((char *)base + mid * size), name) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    return name && a < n && strcmp(*(char **)((char *)base + a * size),
                                   name) == 0
               ? (char *)base + a * size
               : NULL;
}

static lstyle *find_list(const ctx *c, const char *name)
{
    return find_named(c->lists, c->nlists, sizeof *c->lists, name);
}

static const pstyle *find_style(const ctx *c, const char *name)
{
    return find_named(c->styles, c->nstyles, sizeof *c->styles, name);
}

static int style_hidden(const ctx *c, const char *name)
{
    const pstyle *s = find_style(c, name);
    for (int hop = 0; s && hop < HOPS; hop++) {
        if (s->hidden >= 0)
            return s->hidden;
        s = find_style(c, s->parent);
    }
    return 0;
}

static const char *style_list(const ctx *c, const char *name)
{
    const pstyle *s = find_style(c, name);
    for (int hop = 0; s && hop < HOPS; hop++) {
        if (s->list)
            return s->list;
        s = find_style(c, s->parent);
    }
    return NULL;
}

/* ---------------------------------------------------------------- text */

static int append(ctx *c, const char *s, size_t n)
{
    return arc_input_append(c->in, &c->cap, s, n);
}

/* Text content: runs of white space read as one space, none at the start
 * of a line (ODF 1.2, 6.1.2). */
static int text(ctx *c, const char *s)
{
    while (*s) {
        size_t k = strcspn(s, " \t\r\n");
        if (k) {
            if (append(c, s, k))
                return ARC_ENOMEM;
            c->ws = 0;
            s += k;
        }
        if (*s) {
            if (!c->ws && append(c, " ", 1))
                return ARC_ENOMEM;
            c->ws = 1;
            s += strspn(s, " \t\r\n");
        }
    }
    return 0;
}

static int spaces(ctx *c, int n)
{
    for (int i = 0; i < n; i++)
        if (append(c, " ", 1))
            return ARC_ENOMEM;
    c->ws = 1;
    return 0;
}

static int name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

/* Text inside a paragraph, in document order. */
static int walk_inline(ctx *c, const arc_xml_node *n, int hidden)
{
    /* Notes and annotations are not body text; text:number is the label
     * as last rendered (rendered here from the styles); frames hold text
     * boxes and images; change marks and bookmarks hold nothing. */
    static const char *const skip[] = {
        "note", "annotation", "annotation-end", "number", "frame",
        "custom-shape", "hidden-text", "hidden-paragraph", "soft-page-break",
        "change", "change-start", "change-end", "bookmark",
        "bookmark-start", "bookmark-end", "reference-mark",
        "reference-mark-start", "reference-mark-end", "toc-mark",
        "toc-mark-start", "toc-mark-end", "alphabetical-index-mark",
        "alphabetical-index-mark-start", "alphabetical-index-mark-end",
        "user-index-mark", "user-index-mark-start", "user-index-mark-end",
        "ruby-text", "tracked-changes", NULL};
    for (const arc_xml_node *e = arc_xml_first_child(n); e;
         e = arc_xml_next(e)) {
        int rc = 0;
        if (arc_xml_is_text(e)) {
            if (!hidden)
                rc = text(c, arc_xml_text(e));
        } else if (!arc_xml_is_element(e)) {
            continue; /* comments, unexpanded entity references */
        } else if (is(e, "s")) {
            if (!hidden)
                rc = spaces(c, to_int(arc_xml_attr(c->x, e, "c"), 1, 1,
                                      MAX_SPACES));
        } else if (is(e, "tab") || is(e, "line-break")) {
            /* Breaks inside a paragraph keep it on one line. */
            if (!hidden)
                rc = spaces(c, 1);
        } else if (name_in(arc_xml_name(e), skip)) {
            continue;
        } else {
            /* span, a, meta, fields (their text is the shown value) … */
            rc = walk_inline(c, e,
                             hidden || style_hidden(c, arc_xml_attr(
                                                           c->x, e,
                                                           "style-name")));
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Advances counters `cnt` at level k (0-based) to `forced` (>= 0) or the
 * next number, starting at `start`; deeper levels restart. */
static int advance(counters *cnt, int k, int start, int forced)
{
    if (forced >= 0)
        cnt->value[k] = forced;
    else if (!cnt->used[k])
        cnt->value[k] = start;
    else if (cnt->value[k] < MAX_COUNT)
        cnt->value[k]++;
    cnt->used[k] = 1;
    for (int j = k + 1; j < NLVL; j++)
        cnt->used[j] = 0;
    return cnt->value[k];
}

/* Writes the label of level k (0-based) of style l with counters cnt:
 * prefix, the numbers of the levels shown (text:display-levels), suffix;
 * after a bare number a space keeps label and text apart. */
static int label(ctx *c, const lstyle *l, int k, const counters *cnt)
{
    const llevel *lv = &l->lv[k];
    if (!lv->number)
        return 0;
    size_t begin = c->in->len;
    if (lv->prefix && append(c, lv->prefix, strlen(lv->prefix)))
        return ARC_ENOMEM;
    for (int j = k - lv->display + 1; j <= k; j++) {
        const llevel *up = &l->lv[j];
        char buf[64];
        arc_list_number(up->number ? up->fmt : NULL,
                        cnt->used[j] ? cnt->value[j] : up->start, buf);
        if ((j > k - lv->display + 1 && append(c, ".", 1)) ||
            append(c, buf, strlen(buf)))
            return ARC_ENOMEM;
    }
    if (lv->suffix && append(c, lv->suffix, strlen(lv->suffix)))
        return ARC_ENOMEM;
    char last = c->in->len > begin ? c->in->text[c->in->len - 1] : '\0';
    if (!lv->nosuff && ((last >= '0' && last <= '9') ||
                        (last >= 'A' && last <= 'Z') ||
                        (last >= 'a' && last <= 'z')))
        return spaces(c, 1);
    c->ws = c->in->len > begin ? 0 : c->ws;
    return 0;
}

/* text:p or text:h: one line, its label first. */
static int paragraph(ctx *c, const arc_xml_node *p, item *it)
{
    const arc_xml *x = c->x;
    /* Attribute values are borrowed until the next lookup: what the style
     * says is resolved at once. */
    const char *style = arc_xml_attr(x, p, "style-name");
    int hidden = style_hidden(c, style), outline = 0, rc = 0;
    const char *plist = style_list(c, style);
    c->ws = 1;
    if (is(p, "h"))
        outline = to_int(arc_xml_attr(x, p, "outline-level"), 1, 1, 9);
    if (it && it->pending) {
        it->pending = 0;
        int k = it->level - 1;
        const lstyle *l = it->style ? it->style : find_list(c, plist);
        list_state *st = &c->states[it->list];
        advance(&st->cnt, k, l ? l->lv[k].start : 1, it->start);
        if (l)
            rc = label(c, l, k, &st->cnt);
    } else if (!it && outline) {
        const char *v = arc_xml_attr(x, p, "is-list-header");
        if (!(v && strcmp(v, "true") == 0)) {
            v = arc_xml_attr(x, p, "restart-numbering");
            int forced = v && strcmp(v, "true") == 0
                             ? to_int(arc_xml_attr(x, p, "start-value"), 1, 0,
                                      MAX_COUNT)
                             : -1;
            advance(&c->ocnt, outline - 1, c->outline.lv[outline - 1].start,
                    forced);
            rc = label(c, &c->outline, outline - 1, &c->ocnt);
        }
    }
    if (!rc)
        rc = walk_inline(c, p, hidden);
    if (!rc)
        rc = arc_input_end_line(c->in, &c->cap, &c->ocap,
                                (unsigned char)outline, 1);
    return rc;
}

static int walk_blocks(ctx *c, const arc_xml_node *n, item *it);

static size_t hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of id in the xml:id table: where it is, or the free slot where
 * it would go. */
static list_id *id_slot(const ctx *c, const char *id)
{
    size_t mask = c->cids - 1, i = hash(id) & mask;
    while (c->ids[i].id && strcmp(c->ids[i].id, id) != 0)
        i = (i + 1) & mask;
    return &c->ids[i];
}

static int id_put(ctx *c, const char *id, size_t list)
{
    if (2 * (c->nids + 1) > c->cids) {
        size_t n = c->cids ? 2 * c->cids : 64;
        list_id *old = c->ids;
        size_t nold = c->cids;
        if (!(c->ids = calloc(n, sizeof *c->ids))) {
            c->ids = old;
            return ARC_ENOMEM;
        }
        c->cids = n;
        for (size_t i = 0; i < nold; i++)
            if (old[i].id)
                *id_slot(c, old[i].id) = old[i];
        free(old);
    }
    list_id *s = id_slot(c, id);
    if (!s->id) {
        if (!(s->id = arc_strdup(id)))
            return ARC_ENOMEM;
        c->nids++;
    }
    s->list = list;
    return 0;
}

/* The list state a top-level text:list counts with: the one named by
 * text:continue-list, the last one of the same style with
 * text:continue-numbering, else a new one. */
static int list_state_of(ctx *c, const arc_xml_node *l, const char *style,
                         size_t *out)
{
    const arc_xml *x = c->x;
    lstyle *ls = find_list(c, style);
    const char *cont = arc_xml_attr(x, l, "continue-list");
    int found = 0;
    if (cont && c->cids) {
        const list_id *s = id_slot(c, cont);
        if (s->id) {
            *out = s->list;
            found = 1;
        }
    }
    const char *v = arc_xml_attr(x, l, "continue-numbering");
    if (!found && v && strcmp(v, "true") == 0 && ls && ls->has_last) {
        *out = ls->last;
        found = 1;
    }
    if (!found) {
        if (arc_grow((void **)&c->states, &c->cstates, c->nstates + 1,
                     sizeof *c->states))
            return ARC_ENOMEM;
        memset(&c->states[c->nstates], 0, sizeof *c->states);
        *out = c->nstates++;
    }
    if (ls) {
        ls->last = *out;
        ls->has_last = 1;
    }
    const char *id = arc_xml_attr(x, l, "id");
    return id ? id_put(c, id, *out) : 0;
}

/* text:list: its items at one level deeper than `parent`. */
static int list(ctx *c, const arc_xml_node *l, item *parent)
{
    const arc_xml *x = c->x;
    item base = {0};
    int rc;
    if (parent) {
        parent->pending = 0; /* an item holding a sublist first has no label
                                of its own */
        base = *parent;
        base.level = parent->level < NLVL ? parent->level + 1 : NLVL;
    } else {
        char *style = NULL;
        if (dup(&style, arc_xml_attr(x, l, "style-name")))
            return ARC_ENOMEM;
        base.style = find_list(c, style);
        base.level = 1;
        rc = list_state_of(c, l, style, &base.list);
        free(style);
        if (rc)
            return rc;
    }
    for (const arc_xml_node *e = arc_xml_first_child(l); e;
         e = arc_xml_next(e)) {
        if (!is(e, "list-item") && !is(e, "list-header"))
            continue;
        item it = base;
        it.pending = is(e, "list-item");
        it.start = to_int(arc_xml_attr(x, e, "start-value"), -1, 0,
                          MAX_COUNT);
        const lstyle *over = find_list(c, arc_xml_attr(x, e, "style-override"));
        if (over)
            it.style = over;
        if ((rc = walk_blocks(c, e, &it)))
            return rc;
    }
    return 0;
}

/* Block content in document order. */
static int walk_blocks(ctx *c, const arc_xml_node *n, item *it)
{
    /* Declarations, forms, the source (not the body) of indexes, tracked
     * deletions, notes and frames hold no body text; covered cells are the
     * hidden part of merged ones. */
    static const char *const skip[] = {
        "tracked-changes", "sequence-decls", "variable-decls",
        "user-field-decls", "dde-connection-decls", "forms",
        "table-of-content-source", "alphabetical-index-source",
        "illustration-index-source", "table-index-source",
        "object-index-source", "user-index-source", "bibliography-source",
        "annotation", "note", "frame", "custom-shape", "covered-table-cell",
        "table-columns", "table-column", "table-header-columns",
        "soft-page-break", "scripts", "font-face-decls", "styles",
        "automatic-styles", "master-styles", NULL};
    for (const arc_xml_node *e = arc_xml_first_child(n); e;
         e = arc_xml_next(e)) {
        if (!arc_xml_is_element(e))
            continue;
        const char *name = arc_xml_name(e);
        int rc = 0;
        if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
            rc = paragraph(c, e, it);
        } else if (strcmp(name, "list") == 0) {
            rc = list(c, e, it);
        } else if (name_in(name, skip)) {
            continue;
        } else if (strcmp(name, "section") == 0) {
            const char *d = arc_xml_attr(c->x, e, "display");
            if (!(d && strcmp(d, "none") == 0))
                rc = walk_blocks(c, e, it);
        } else {
            rc = walk_blocks(c, e, it); /* tables, rows, cells, index bodies */
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------- archive */

static int load_part(arc_pkg *pkg, const char *name, arc_xml **x,
                     char *reason, size_t size)
{
    char *buf;
    size_t len;
    *x = NULL;
    int rc = arc_pkg_read(pkg, name, 0, &buf, &len, reason, size);
    if (rc || !buf)
        return rc;
    char why[256] = "";
    rc = arc_xml_parse(x, buf, len, ARC_XML_XML, why, sizeof why);
    free(buf);
    if (rc == ARC_ENOMEM)
        return arc_reason_nomem(reason, size);
    if (rc)
        return arc_reason(reason, size, ARC_EPARSE, BAD "%s 无法解析（%s）", name,
                          why);
    return 0;
}

/* The package's mimetype: a text document, or what else it is. */
static int check_mimetype(arc_pkg *pkg, char *reason, size_t size)
{
    static const struct {
        const char *kind, *what;
    } t[] = {
        {"spreadsheet", "是 OpenDocument 表格，不是文字文档"},
        {"presentation", "是 OpenDocument 演示文稿，不是文字文档"},
        {"graphics", "是 OpenDocument 绘图，不是文字文档"},
    };
    char *m;
    size_t n;
    int rc = arc_pkg_read(pkg, "mimetype", 0, &m, &n, reason, size);
    if (rc || !m)
        return rc;
    if (strncmp(m, MIME, sizeof MIME - 1) == 0 &&
        strncmp(m + sizeof MIME - 1, "text", 4) != 0) {
        const char *kind = m + sizeof MIME - 1;
        rc = arc_reason(reason, size, ARC_EPARSE, "不是文字文档（%s）", m);
        for (size_t i = 0; i < ARC_ARRAY_LEN(t); i++)
            if (strncmp(kind, t[i].kind, strlen(t[i].kind)) == 0)
                rc = arc_reason(reason, size, ARC_EPARSE, "%s", t[i].what);
    }
    free(m);
    return rc;
}

static int read_odt(ctx *c, arc_pkg *pkg, char *reason, size_t size)
{
    int rc = check_mimetype(pkg, reason, size);
    if (rc)
        return rc;
    /* ODF encrypts entries itself (the zip sees plain deflated bytes); the
     * manifest says so. */
    char *man;
    size_t mlen;
    if ((rc = arc_pkg_read(pkg, "META-INF/manifest.xml", 0, &man, &mlen,
                           reason, size)))
        return rc;
    int encrypted = man && arc_bytes_contain(man, mlen, "encryption-data");
    free(man);
    if (encrypted)
        return arc_reason(reason, size, ARC_EPARSE, "文档已加密，无法读取");
    if (!arc_pkg_has(pkg, "content.xml"))
        return arc_reason(reason, size, ARC_EPARSE, BAD "缺少 content.xml");

    arc_xml *x;
    if ((rc = load_part(pkg, "styles.xml", &x, reason, size)))
        return rc;
    if (x) {
        const arc_xml_node *r = arc_xml_root(x);
        rc = load_styles(c, x, child(r, "styles"));
        arc_xml_free(x);
        if (rc)
            return arc_reason_nomem(reason, size);
    }
    if ((rc = load_part(pkg, "content.xml", &x, reason, size)))
        return rc;
    const arc_xml_node *root = arc_xml_root(x);
    const arc_xml_node *body =
        strcmp(arc_xml_name(root), "document-content") == 0
            ? child(child(root, "body"), "text")
            : NULL;
    if (!body) {
        arc_xml_free(x);
        return arc_reason(reason, size, ARC_EPARSE,
                          BAD "content.xml 中没有正文（office:text）");
    }
    c->x = x;
    rc = load_styles(c, x, child(root, "automatic-styles"));
    sort_styles(c);
    if (!rc)
        rc = walk_blocks(c, body, NULL);
    c->x = NULL;
    arc_xml_free(x);
    if (!rc && !c->in->text)
        rc = arc_input_append(c->in, &c->cap, "", 0);
    return rc == ARC_ENOMEM ? arc_reason_nomem(reason, size) : rc;
}

int arc_input_odt(arc_input *out, const char *data, size_t len,
                  const arc_input_limits *lim, char *reason,
                  size_t reason_size)
{
    arc_input_limits dflt = arc_input_limits_of(NULL);
    memset(out, 0, sizeof *out);
    if (reason && reason_size)
        reason[0] = '\0';
    if (!lim)
        lim = &dflt;
    out->budget = lim->budget;
    arc_pkg_limits pl = {lim->max_uncompressed, lim->max_entries, BAD};
    arc_pkg *pkg;
    int rc = arc_pkg_open(&pkg, data, len, &pl, reason, reason_size);
    if (rc)
        return rc;
    ctx c = {.in = out};
    rc = read_odt(&c, pkg, reason, reason_size);
    arc_pkg_close(pkg);
    ctx_free(&c);
    if (rc)
        arc_input_free(out);
    return rc;
}

/* An OpenDocument package starts with a stored entry "mimetype" holding
 * its media type (ODF 1.2 part 3, 3.3).  Any OpenDocument kind is claimed:
 * the reader says when it is not text. */
static int sniff_odt(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len < 30 || memcmp(data, "PK\x03\x04", 4) != 0)
        return 0;
    size_t nl = (size_t)(u[26] | u[27] << 8), xl = (size_t)(u[28] | u[29] << 8);
    size_t at = 30 + nl + xl;
    /* at <= len first: the name itself may run past the end. */
    return nl == 8 && at <= len && memcmp(data + 30, "mimetype", 8) == 0 &&
                   len - at >= sizeof MIME - 1 &&
                   memcmp(data + at, MIME, sizeof MIME - 1) == 0
               ? 2
               : 0;
}

static int read_odt_row(arc_input *out, const char *data, size_t len,
                        const arc_load_opts *o, arc_budget *dl,
                         char *reason,
                        size_t reason_size)
{
    arc_input_limits lim = arc_input_limits_of(o);
    lim.budget = dl;
    return arc_input_odt(out, data, len, &lim, reason, reason_size);
}

static const char *const odt_ext[] = {".odt", ".ott", NULL};

const arc_reader arc_reader_odt = {"odt", "OpenDocument 文本（.odt）", odt_ext,
                                   sniff_odt, read_odt_row, NULL};

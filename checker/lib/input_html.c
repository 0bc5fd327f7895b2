/* input_html.c - .html/.htm pages: the article body as text, without the
 * site chrome around it (navigation, breadcrumbs, share and font widgets,
 * footers), and what the page's <meta> tags say.
 *
 * Line numbers of findings on a page refer to the text extracted here, not
 * to the HTML source: line N is the N-th non-empty line of extracted text.
 * When the page has a title (ArticleTitle, else <title> without the site
 * name) that the body does not already start with, the title is line 1 and
 * the body starts on line 2.
 *
 * The body is found in three steps over a flat, pre-order copy of the tree
 * (no recursion, so no depth that the parser lets through can hurt):
 *  1. chrome is marked: tags that never carry the article, and elements
 *     whose id/class names chrome - unless such an element holds half of
 *     the page's text (ASP.NET wraps whole pages in <form>; some sites put
 *     the article in id="fontzoom" or id="printArea");
 *  2. every element gets the number of visible characters below it, not
 *     counting chrome or link text (related-article lists are links), and
 *     how many of them are in sentences (chrome is labels and names);
 *  3. from <body> down, the walk enters the child holding nearly all of the
 *     sentences (all of the text once inside a container named like the
 *     article body), or jumps to such a container holding half of them,
 *     and stops where they split or where a part heading "一、" would be
 *     left behind; the deepest container on that path is extracted.
 */
#include "input.h"

#include "archeck.h"
#include "text.h"
#include "util.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE ((size_t)-1)

/* What a tag or its id/class says about an element. */
enum {
    F_DROP = 1u << 0,  /* never article text */
    F_CODE = 1u << 1,  /* not text at all (also skipped for labels) */
    F_SOFT = 1u << 2,  /* chrome unless it holds half of the page */
    F_HINT = 1u << 3,  /* named like an article body */
    F_CAND = 1u << 4,  /* a container the body may be */
    F_LINK = 1u << 5,
    F_BLOCK = 1u << 6, /* ends a line before and after */
    F_CELL = 1u << 7,  /* table cell: a space between cells */
    F_BR = 1u << 8,
    F_PRE = 1u << 9
};

/* Inherited from ancestors (and the element itself). */
enum {
    I_DROP = 1u << 0,
    I_CODE = 1u << 1,
    I_LINK = 1u << 2,
    I_PRE = 1u << 3,
    I_CHROME = 1u << 4
};

typedef struct {
    const arc_xml_node *n;
    size_t parent;
    size_t end;      /* one past the last index of the subtree */
    unsigned flags;  /* F_* */
    unsigned inh;    /* I_* */
    size_t chars;    /* visible characters of a text node */
    size_t all;      /* non-link characters below, hard chrome excluded */
    size_t body;     /* non-link characters below, all chrome excluded */
    size_t prose;    /* the part of body in text with sentence punctuation */
} item;

typedef struct {
    item *it;
    size_t n, cap;
} tree;

static const struct {
    const char *name;
    unsigned flags;
} tags[] = {
    {"script", F_DROP | F_CODE},
    {"style", F_DROP | F_CODE},
    {"template", F_DROP | F_CODE},
    {"noscript", F_DROP},
    {"iframe", F_DROP},
    {"nav", F_DROP},
    {"header", F_DROP},
    {"footer", F_DROP},
    {"aside", F_DROP},
    {"select", F_DROP},
    {"button", F_DROP},
    {"head", F_DROP},
    {"title", F_DROP},
    {"svg", F_DROP},
    {"object", F_DROP},
    {"form", F_SOFT | F_BLOCK},
    {"body", F_CAND | F_BLOCK},
    {"div", F_CAND | F_BLOCK},
    {"article", F_CAND | F_BLOCK | F_HINT},
    {"section", F_CAND | F_BLOCK},
    {"main", F_CAND | F_BLOCK},
    {"td", F_CAND | F_CELL},
    {"th", F_CELL},
    {"a", F_LINK},
    {"br", F_BR},
    {"pre", F_BLOCK | F_PRE},
    {"p", F_BLOCK},
    {"li", F_BLOCK},
    {"h1", F_BLOCK},
    {"h2", F_BLOCK},
    {"h3", F_BLOCK},
    {"h4", F_BLOCK},
    {"h5", F_BLOCK},
    {"h6", F_BLOCK},
    {"tr", F_BLOCK},
    {"table", F_BLOCK},
    {"caption", F_BLOCK},
    {"blockquote", F_BLOCK},
    {"dt", F_BLOCK},
    {"dd", F_BLOCK},
    {"ul", F_BLOCK},
    {"ol", F_BLOCK},
    {"dl", F_BLOCK},
    {"hr", F_BLOCK},
    {"center", F_BLOCK},
    {"figure", F_BLOCK},
    {"figcaption", F_BLOCK},
    {"address", F_BLOCK},
};

/* "font" is also one, but see chrome_named. */
static const char *const chrome_words[] = {
    "nav",     "menu",  "breadcrumb", "crumb",     "footer",   "header",
    "sidebar", "share", "print",      "toolbar",   "foot",     "copyright",
    "location",
};

static const char *const body_words[] = {
    "content", "article", "zoom", "trs_editor", "custom_unionstyle",
};

/* ------------------------------------------------------------ strings */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int ieq(const char *a, const char *b)
{
    while (*a && lower((unsigned char)*a) == lower((unsigned char)*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

static int istarts(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (k > n)
        return 0;
    for (size_t j = 0; j < k; j++)
        if (lower((unsigned char)s[j]) != lower((unsigned char)w[j]))
            return 0;
    return 1;
}

/* Offset of the first occurrence of w in s[0..n), any case, or NONE. */
static size_t ifind(const char *s, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (istarts(s + i, n - i, w))
            return i;
    return NONE;
}

static int icontains(const char *s, size_t n, const char *w)
{
    return ifind(s, n, w) != NONE;
}

/* Whether an id/class value names chrome.  "font" also occurs in styles
 * that editors and pastes from PDF or Excel leave on body text
 * (fontstyle0, font5): those are text. */
static int chrome_named(const char *v, size_t n)
{
    static const char *const styles[] = {"style", "family", "weight",
                                         "color", "face"};
    for (size_t k = 0; k < ARC_ARRAY_LEN(chrome_words); k++)
        if (icontains(v, n, chrome_words[k]))
            return 1;
    for (size_t i = 0, at; (at = ifind(v + i, n - i, "font")) != NONE;) {
        i += at + 4;
        int style = i < n && v[i] >= '0' && v[i] <= '9';
        for (size_t k = 0; k < ARC_ARRAY_LEN(styles); k++)
            style |= istarts(v + i, n - i, styles[k]);
        if (!style)
            return 1;
    }
    return 0;
}

static int ascii_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Length of the blank character at s: ASCII white space, U+00A0 or
 * U+3000 (both kept in the text, but they make nothing visible), else 0. */
static size_t blank_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (ascii_space(p[0]))
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    return 0;
}

/* Visible characters: the article is where most of them are. */
static size_t visible_chars(const char *s)
{
    size_t n = 0;
    while (*s) {
        size_t b = blank_len(s);
        if (b) {
            s += b;
            continue;
        }
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
        s++;
    }
    return n;
}

/* A copy with runs of blanks made one space and the ends trimmed, or NULL
 * in *out when nothing visible is left (metadata values often carry the
 * template's line breaks and indentation). */
static int clean_copy(const char *s, char **out)
{
    *out = NULL;
    if (!s)
        return 0;
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (!d)
        return ARC_ENOMEM;
    size_t k = 0;
    int gap = 0;
    while (*s) {
        size_t b = blank_len(s);
        if (b) {
            gap = 1;
            s += b;
            continue;
        }
        if (gap && k)
            d[k++] = ' ';
        gap = 0;
        d[k++] = *s++;
    }
    d[k] = '\0';
    if (!k)
        free(d);
    else
        *out = d;
    return 0;
}

/* ------------------------------------------------------------ dates */

static int digits(const char **s, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (n < max && **s >= '0' && **s <= '9') {
        *v = *v * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n;
}

static int skip_str(const char **s, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(*s, w, n) != 0)
        return 0;
    *s += n;
    return 1;
}

/* "2024-03-20 10:00", "2024/3/20", "2024.03.20", "2024年3月20日" ->
 * "2024-03-20" in out; 0 when s does not start with a real date. */
static int parse_date(const char *s, char out[11])
{
    while (blank_len(s))
        s += blank_len(s);
    int y, m, d;
    if (digits(&s, 4, &y) != 4 || (*s >= '0' && *s <= '9'))
        return 0;
    int cn = skip_str(&s, "年");
    char sep = cn ? 0 : *s;
    if (!cn && sep != '-' && sep != '/' && sep != '.')
        return 0;
    if (!cn)
        s++;
    if (!digits(&s, 2, &m))
        return 0;
    if (cn ? !skip_str(&s, "月") : *s++ != sep)
        return 0;
    if (!digits(&s, 2, &d) || (*s >= '0' && *s <= '9'))
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
        (m == 2 && d == 29 && !leap))
        return 0;
    /* By hand: snprintf cannot prove the buffer large enough. */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 1;
}

/* ------------------------------------------------------------ tree */

static int push(tree *t, const arc_xml_node *n, size_t parent, size_t *at)
{
    if (arc_grow((void **)&t->it, &t->cap, t->n + 1, sizeof *t->it))
        return ARC_ENOMEM;
    item *it = &t->it[t->n];
    memset(it, 0, sizeof *it);
    it->n = n;
    it->parent = parent;
    it->end = t->n + 1;
    *at = t->n++;
    return 0;
}

/* Pre-order copy of the tree with subtree ends, without recursion. */
static int flatten(tree *t, const arc_xml_node *root)
{
    size_t i;
    if (push(t, root, NONE, &i))
        return ARC_ENOMEM;
    const arc_xml_node *n = root;
    for (;;) {
        const arc_xml_node *c =
            arc_xml_is_element(n) ? arc_xml_first_child(n) : NULL;
        if (c) {
            if (push(t, c, i, &i))
                return ARC_ENOMEM;
            n = c;
            continue;
        }
        for (;;) {
            t->it[i].end = t->n;
            if (i == 0)
                return 0;
            const arc_xml_node *s = arc_xml_next(n);
            if (s) {
                if (push(t, s, t->it[i].parent, &i))
                    return ARC_ENOMEM;
                n = s;
                break;
            }
            i = t->it[i].parent;
            n = t->it[i].n;
        }
    }
}

static unsigned name_flags(const arc_xml *x, const arc_xml_node *n,
                           const char *name)
{
    unsigned f = 0;
    for (size_t k = 0; k < ARC_ARRAY_LEN(tags); k++)
        if (strcmp(tags[k].name, name) == 0) {
            f = tags[k].flags;
            break;
        }
    if (f & F_DROP)
        return f;
    /* <a name="…"> anchors sometimes wrap whole paragraphs: not links. */
    if ((f & F_LINK) && !arc_xml_attr(x, n, "href"))
        f &= ~(unsigned)F_LINK;
    /* The page itself is not chrome nor a hint, whatever its class. */
    if (!strcmp(name, "html") || !strcmp(name, "body"))
        return f;
    static const char *const attrs[] = {"id", "class"};
    for (size_t a = 0; a < ARC_ARRAY_LEN(attrs); a++) {
        const char *v = arc_xml_attr(x, n, attrs[a]);
        if (!v)
            continue;
        size_t len = strlen(v);
        if (chrome_named(v, len))
            f |= F_SOFT;
        for (size_t k = 0; k < ARC_ARRAY_LEN(body_words); k++)
            if (icontains(v, len, body_words[k]))
                f |= F_HINT;
    }
    return f;
}

/* A soft-chrome element holding half of the page's text is where the
 * article is, whatever its name: chrome is small next to a report, and
 * keeping a footer of a near-empty page costs less than losing a body. */
static int rescued(const tree *t, const item *it)
{
    return it->all > 0 && it->all * 2 >= t->it[0].all;
}

/* Report text is sentences; chrome (footers, info bars, 索引号 tables,
 * lists of dated titles) is labels and names without them. */
static int prose(const char *s)
{
    static const char *const marks[] = {"，", "。", "；", "！", "？"};
    for (size_t k = 0; k < ARC_ARRAY_LEN(marks); k++)
        if (strstr(s, marks[k]))
            return 1;
    return 0;
}

static void classify(tree *t, const arc_xml *x)
{
    for (size_t i = 0; i < t->n; i++) {
        item *it = &t->it[i];
        unsigned inh = it->parent != NONE ? t->it[it->parent].inh : 0;
        if (arc_xml_is_element(it->n)) {
            it->flags = name_flags(x, it->n, arc_xml_name(it->n));
            inh |= (it->flags & F_DROP ? I_DROP : 0) |
                   (it->flags & F_CODE ? I_CODE : 0) |
                   (it->flags & F_LINK ? I_LINK : 0) |
                   (it->flags & F_PRE ? I_PRE : 0);
        } else if (arc_xml_is_text(it->n)) {
            it->chars = visible_chars(arc_xml_text(it->n));
        }
        it->inh = inh;
    }
    for (size_t i = t->n; i-- > 0;) {
        item *it = &t->it[i];
        if (!(it->inh & (I_DROP | I_LINK)))
            it->all += it->chars;
        if (it->parent != NONE)
            t->it[it->parent].all += it->all;
    }
    for (size_t i = 0; i < t->n; i++) {
        item *it = &t->it[i];
        if ((it->inh & I_DROP) ||
            (it->parent != NONE && (t->it[it->parent].inh & I_CHROME)) ||
            ((it->flags & F_SOFT) && !rescued(t, it)))
            it->inh |= I_CHROME;
    }
    for (size_t i = t->n; i-- > 0;) {
        item *it = &t->it[i];
        if (it->chars && !(it->inh & (I_CHROME | I_LINK))) {
            it->body += it->chars;
            if (prose(arc_xml_text(it->n)))
                it->prose += it->chars;
        }
        if (it->parent != NONE) {
            t->it[it->parent].body += it->body;
            t->it[it->parent].prose += it->prose;
        }
    }
}

static int is_elem(const item *it)
{
    return arc_xml_is_element(it->n) && !(it->inh & I_CHROME);
}

/* Whether the subtree at j starts with a part heading "一、", the article's
 * own text even when it sits beside the block holding the paragraphs. */
static int heading_first(const tree *t, size_t j)
{
    static const char numerals[] = "一二三四五六七八九十";
    for (size_t i = j; i < t->it[j].end; i++) {
        const item *it = &t->it[i];
        if (it->inh & I_CHROME) {
            i = it->end - 1;
            continue;
        }
        if (!it->chars)
            continue;
        const char *s = arc_xml_text(it->n);
        while (blank_len(s))
            s += blank_len(s);
        size_t n = 0, k = 0; /* each numeral is 3 bytes of UTF-8 */
        while (k < sizeof numerals - 1) {
            if (strncmp(numerals + k, s + n, 3) == 0) {
                n += 3;
                k = 0;
            } else {
                k += 3;
            }
        }
        return n > 0 && strncmp(s + n, "、", strlen("、")) == 0;
    }
    return 0;
}

/* The element whose text is the article (see the top of the file). */
static size_t choose_body(const tree *t)
{
    size_t cur = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(arc_xml_name(t->it[i].n), "body")) {
            cur = i;
            break;
        }
    size_t result = cur;
    /* Sentences tell the article from chrome; a page with few of them (a
     * report in half-width punctuation, a table) is measured by all of its
     * text.  Inside a container named like the article all text counts,
     * so that headings beside a block of paragraphs hold the walk. */
    int by_prose = t->it[cur].prose * 10 >= t->it[cur].body * 2;
    int hinted = 0;
#define SCORE(i) (by_prose && !hinted ? t->it[i].prose : t->it[i].body)
    for (;;) {
        const item *c = &t->it[cur];
        if (c->flags & F_HINT)
            hinted = 1;
        if (c->flags & (F_CAND | F_HINT))
            result = cur;
        size_t best = NONE;
        for (size_t j = cur + 1; j < c->end; j = t->it[j].end)
            if (is_elem(&t->it[j]) &&
                (best == NONE || SCORE(j) > SCORE(best)))
                best = j;
        if (best != NONE && SCORE(best) > 0) {
            /* Siblings holding a tenth are body parts, not chrome: stop. */
            size_t need = t->it[best].flags & F_HINT ? 7 : 9;
            int heading = 0;
            for (size_t j = cur + 1; j < c->end && !heading; j = t->it[j].end)
                heading = j != best && heading_first(t, j);
            if (!heading && SCORE(best) * 10 >= SCORE(cur) * need) {
                cur = best;
                continue;
            }
        }
        if (!hinted) {
            /* Uncaught chrome (索引号 tables, info bars) can hold more than
             * a tenth of a short page; a container named like the article
             * holding half of the text is the better guess. */
            size_t h = NONE;
            for (size_t j = cur + 1; j < c->end;) {
                const item *d = &t->it[j];
                if (is_elem(d) && (d->flags & F_HINT)) {
                    if (h == NONE || SCORE(j) > SCORE(h))
                        h = j;
                    j = d->end;
                } else {
                    j++;
                }
            }
            if (h != NONE && SCORE(h) > 0 && SCORE(h) * 2 >= SCORE(cur)) {
                cur = h;
                continue;
            }
        }
        return result;
    }
#undef SCORE
}

/* ------------------------------------------------------------ text out */

typedef struct {
    arc_input *in;
    size_t cap, ocap;
} sink;

static int line_empty(const sink *k)
{
    return k->in->len == 0 || k->in->text[k->in->len - 1] == '\n';
}

/* Ends the line; a line of blanks only (<p>&nbsp;</p>) is dropped, so that
 * line numbers count visible lines. */
static int sink_end(sink *k)
{
    arc_input *in = k->in;
    size_t start = in->len;
    while (start > 0 && in->text[start - 1] != '\n')
        start--;
    size_t i = start;
    while (i < in->len && blank_len(in->text + i))
        i += blank_len(in->text + i);
    if (i == in->len) {
        in->len = start;
        if (in->text)
            in->text[start] = '\0';
        return 0;
    }
    return arc_input_end_line(in, &k->cap, &k->ocap, 0, 0);
}

static int sink_space(sink *k)
{
    if (line_empty(k) || k->in->text[k->in->len - 1] == ' ')
        return 0;
    return arc_input_append(k->in, &k->cap, " ", 1);
}

static int sink_text(sink *k, const char *s, int pre)
{
    int rc;
    while (*s) {
        if (ascii_space((unsigned char)*s)) {
            if (pre && *s == '\n')
                rc = sink_end(k);
            else
                rc = sink_space(k);
            if (rc)
                return rc;
            s++;
            continue;
        }
        const char *e = s;
        while (*e && !ascii_space((unsigned char)*e))
            e++;
        if ((rc = arc_input_append(k->in, &k->cap, s, (size_t)(e - s))))
            return rc;
        s = e;
    }
    return 0;
}

static int open_elem(sink *k, const item *it)
{
    if (it->flags & (F_BLOCK | F_BR))
        return sink_end(k);
    if (it->flags & F_CELL)
        return sink_space(k);
    return 0;
}

/* Text of the subtree at s, skipping elements with any of the `skip`
 * inherited bits. */
static int extract(sink *k, const tree *t, size_t s, unsigned skip)
{
    size_t e = t->it[s].end, open = NONE;
    int rc = 0;
    for (size_t i = s; i < e && !rc;) {
        while (open != NONE && t->it[open].end <= i) {
            if ((t->it[open].flags & F_BLOCK) && (rc = sink_end(k)))
                return rc;
            open = t->it[open].parent;
        }
        const item *it = &t->it[i];
        if (arc_xml_is_element(it->n)) {
            if (it->inh & skip) {
                i = it->end;
                continue;
            }
            rc = open_elem(k, it);
            open = i++;
        } else if (arc_xml_is_text(it->n)) {
            if (!(it->inh & skip))
                rc = sink_text(k, arc_xml_text(it->n), (it->inh & I_PRE) != 0);
            i++;
        } else {
            i++;
        }
    }
    for (; !rc && open != NONE && open >= s; open = t->it[open].parent)
        if (t->it[open].flags & F_BLOCK)
            rc = sink_end(k);
    return rc ? rc : sink_end(k);
}

/* ------------------------------------------------------------ metadata */

static int meta(arc_input *out, const tree *t, const arc_xml *x)
{
    for (size_t i = 0; i < t->n; i++) {
        const arc_xml_node *n = t->it[i].n;
        if (strcmp(arc_xml_name(n), "meta") != 0)
            continue;
        const char *name = arc_xml_attr(x, n, "name");
        char **slot = NULL;
        int date = 0;
        if (!name)
            continue;
        if (ieq(name, "ArticleTitle"))
            slot = &out->title;
        else if (ieq(name, "ContentSource"))
            slot = &out->unit;
        else if (ieq(name, "PubDate")) {
            slot = &out->published;
            date = 1;
        }
        if (!slot || *slot)
            continue;
        char *v;
        if (clean_copy(arc_xml_attr(x, n, "content"), &v))
            return ARC_ENOMEM;
        if (v && date) {
            char ymd[11];
            int ok = parse_date(v, ymd);
            free(v);
            v = NULL;
            if (ok && !(v = arc_strdup(ymd)))
                return ARC_ENOMEM;
        }
        *slot = v;
    }
    return 0;
}

/* The page's text before the article (title, info bar, metadata table):
 * the facts read the publication date from it.  Code is skipped, chrome
 * is not. */
static int page_head(arc_input *out, const tree *t, size_t body)
{
    arc_input head = {0};
    sink k = {&head, 0, 0};
    size_t open = NONE;
    int rc = 0;
    for (size_t i = 0; i < body && !rc;) {
        while (open != NONE && t->it[open].end <= i) {
            if ((t->it[open].flags & F_BLOCK) && (rc = sink_end(&k)))
                break;
            open = t->it[open].parent;
        }
        const item *it = &t->it[i];
        if (rc)
            break;
        if (arc_xml_is_element(it->n)) {
            if (it->inh & I_CODE) {
                i = it->end;
                continue;
            }
            rc = open_elem(&k, it);
            open = i++;
        } else if (arc_xml_is_text(it->n)) {
            if (!(it->inh & I_CODE))
                rc = sink_text(&k, arc_xml_text(it->n), 0);
            i++;
        } else {
            i++;
        }
    }
    if (!rc)
        rc = sink_end(&k);
    if (!rc && head.len) {
        out->chrome = head.text;
        head.text = NULL;
    }
    arc_input_free(&head);
    return rc;
}

/* "报告标题_青禾区人民政府 - 门户网站" -> "报告标题": trailing parts after
 * - _ | go while they are shorter than what precedes them (a site name is
 * shorter than a report title); 2021-2025 keeps its dash. */
static void strip_site_name(char *s)
{
    for (int round = 0; round < 4; round++) {
        size_t n = strlen(s), p = NONE;
        for (size_t i = n; i-- > 0;) {
            if (s[i] != '-' && s[i] != '_' && s[i] != '|')
                continue;
            if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' &&
                s[i + 1] >= '0' && s[i + 1] <= '9')
                continue;
            p = i;
            break;
        }
        if (p == NONE)
            return;
        size_t b = p, a = p + 1;
        while (b > 0 && s[b - 1] == ' ')
            b--;
        while (s[a] == ' ')
            a++;
        size_t before = arc_utf8_count(s, b);
        size_t after = arc_utf8_count(s + a, n - a);
        if (!before || !after || after >= before)
            return;
        s[b] = '\0';
    }
}

static int page_title(char **out, const tree *t)
{
    *out = NULL;
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(arc_xml_name(t->it[i].n), "title") != 0)
            continue;
        arc_buf b = {0};
        for (size_t j = i + 1; j < t->it[i].end; j++)
            if (arc_xml_is_text(t->it[j].n) &&
                arc_buf_puts(&b, arc_xml_text(t->it[j].n))) {
                arc_buf_free(&b);
                return ARC_ENOMEM;
            }
        int rc = clean_copy(b.data, out);
        arc_buf_free(&b);
        if (rc)
            return rc;
        if (*out)
            strip_site_name(*out);
        return 0;
    }
    return 0;
}

/* Whether the text starts with the title, blanks and line breaks aside,
 * the title ending a line (a title split over two lines counts). */
static int starts_with(const char *text, size_t len, const char *title)
{
    size_t i = 0;
    for (;;) {
        while (blank_len(title))
            title += blank_len(title);
        if (!*title)
            break;
        while (i < len && blank_len(text + i))
            i += blank_len(text + i);
        if (i >= len || text[i] != *title)
            return 0;
        i++;
        title++;
    }
    while (i < len && text[i] != '\n' && blank_len(text + i))
        i += blank_len(text + i);
    return i >= len || text[i] == '\n';
}

/* Title line first, then the body's lines. */
static int with_title(arc_input *out, arc_input *body, const char *title)
{
    sink k = {out, 0, 0};
    int rc = sink_text(&k, title, 0);
    if (!rc)
        rc = sink_end(&k);
    for (size_t s = 0; !rc && s < body->len;) {
        const char *nl = memchr(body->text + s, '\n', body->len - s);
        size_t e = nl ? (size_t)(nl - body->text) : body->len;
        rc = arc_input_append(out, &k.cap, body->text + s, e - s);
        if (!rc)
            rc = arc_input_end_line(out, &k.cap, &k.ocap, 0, 0);
        s = e + 1;
    }
    return rc;
}

/* ------------------------------------------------------------ entry */

static int declared(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if ((len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
        (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
                      (u[0] == 0xFF && u[1] == 0xFE))))
        return 1;
    return icontains(data, len, "charset") || icontains(data, len, "encoding");
}

static int html(arc_input *out, const char *data, size_t len, char *reason,
                size_t reason_size, tree *t, arc_input *body, char **title)
{
    /* Pages saved without their HTTP header lose the charset; in a Chinese
     * report such bytes are GBK, which libxml2 would read as Latin-1. */
    const char *enc = !declared(data, len) &&
                              arc_utf8_validate(data, len) != len
                          ? "GB18030"
                          : NULL;
    arc_xml *x = NULL;
    sink k = {body, 0, 0};
    const char *tl;
    int rc = arc_xml_parse_enc(&x, data, len, ARC_XML_HTML, enc, reason,
                               reason_size);
    /* Within xml.c's size limit, the recovering HTML parser fails only on
     * pages without a single element: blank ones. */
    if (rc == ARC_EPARSE && len <= 0x7FFFFFFF)
        snprintf(reason, reason_size, "网页中没有正文");
    if (rc)
        return rc;
    if ((rc = flatten(t, arc_xml_root(x))))
        goto done;
    classify(t, x);
    if ((rc = meta(out, t, x)))
        goto done;
    size_t b = choose_body(t);
    if ((rc = page_head(out, t, b)))
        goto done;
    if ((rc = extract(&k, t, b, I_CHROME)))
        goto done;
    if (!body->len) {
        snprintf(reason, reason_size, "网页中没有正文");
        rc = ARC_EPARSE;
        goto done;
    }
    if (!out->title && (rc = page_title(title, t)))
        goto done;
    tl = out->title ? out->title : *title;
    if (tl && !starts_with(body->text, body->len, tl)) {
        rc = with_title(out, body, tl);
    } else {
        out->text = body->text;
        out->len = body->len;
        out->outline = body->outline;
        out->nlines = body->nlines;
        memset(body, 0, sizeof *body);
    }
done:
    arc_xml_free(x);
    return rc;
}

int arc_input_html(arc_input *out, const char *data, size_t len,
                   char *reason, size_t reason_size)
{
    memset(out, 0, sizeof *out);
    if (reason_size)
        reason[0] = '\0';
    tree t = {0};
    arc_input body = {0};
    char *title = NULL;
    int rc = html(out, data, len, reason, reason_size, &t, &body, &title);
    free(t.it);
    arc_input_free(&body);
    free(title);
    if (rc)
        arc_input_free(out);
    if (rc == ARC_ENOMEM)
        snprintf(reason, reason_size, "内存不足");
    return rc;
}

static int sniff_html(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\n' ||
                       data[i] == '\r' || data[i] == '\t'))
        i++;
    return (len - i >= 5 && strncasecmp(data + i, "<html", 5) == 0) ||
                   (len - i >= 14 &&
                    strncasecmp(data + i, "<!doctype html", 14) == 0)
               ? 1
               : 0;
}

static int read_html_row(arc_input *out, const char *data, size_t len,
                         const arc_load_opts *o, arc_budget *dl,
                         char *reason, size_t reason_size)
{
    /* libxml2 parses in one call: the budget is checked after it. */
    (void)o;
    (void)dl;
    return arc_input_html(out, data, len, reason, reason_size);
}

static const char *const html_ext[] = {".html", ".htm", ".shtml", ".xhtml",
                                       NULL};

const arc_reader arc_reader_html = {"html", "网页", html_ext, sniff_html,
                                    read_html_row, NULL};

/* input_docx.c - .docx (Office Open XML) to text, one line per paragraph.
 * Heading levels come from outline levels and styles; Word's automatic list
 * labels, which are not part of the text, are rendered from numbering.xml so
 * that a numbered heading reads "一、…" as it does on screen.  The archive
 * is opened through package.c under the readers' limits. */
#include "input.h"

#include "archeck.h"
#include "package.h"
#include "text.h"
#include "util.h"
#include "xml.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NLVL 9    /* list levels (w:ilvl 0-8) and outline levels */
#define HOPS 10   /* w:basedOn / w:numStyleLink links followed: cycles end */
#define MAX_COUNT 1000000 /* hostile w:start values must not overflow */

#define BAD "不是有效的 Word 文档："

/* ------------------------------------------------------------ xml bits */

static const arc_xml_node *child(const arc_xml_node *n, const char *name)
{
    for (const arc_xml_node *c = arc_xml_first_child(n); c;
         c = arc_xml_next(c))
        if (arc_xml_is_element(c) && strcmp(arc_xml_name(c), name) == 0)
            return c;
    return NULL;
}

/* Most WordprocessingML properties are <w:name w:val="…"/>.  Borrowed until
 * the next arc_xml_attr call on x. */
static const char *child_val(const arc_xml *x, const arc_xml_node *n,
                             const char *name)
{
    const arc_xml_node *c = child(n, name);
    return c ? arc_xml_attr(x, c, "val") : NULL;
}

/* Values out of [lo, hi] are clamped: the file is not trusted. */
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

/* An on/off property: present means on unless w:val says otherwise. */
static int is_on(const arc_xml *x, const arc_xml_node *n)
{
    if (!n)
        return 0;
    const char *v = arc_xml_attr(x, n, "val");
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
                   strcmp(v, "off") == 0);
}

/* w:outlineLvl 0-8 are heading levels 1-9; 9 means body text, and so does
 * anything unreadable. */
static int outline_of(const char *v)
{
    int n = to_int(v, 9, -1, 9);
    return n >= 0 && n < NLVL ? n + 1 : 0;
}

/* -------------------------------------------------------------- styles */

typedef struct {
    char *id;
    char *based;
    int outline; /* -1: not set here; 0: body text; 1-9 */
    int named;   /* N when called "heading N" / "标题 N", else 0 */
    int num_id;  /* -1: not set here; 0: numbering switched off */
    int ilvl;    /* -1: not set here */
} style;

typedef struct {
    int defined;
    int fmt;
    char *text;  /* w:lvlText, NULL when absent (no label) */
    int start;
    int restart; /* w:lvlRestart, -1 when absent */
    int legal;   /* w:isLgl: every placeholder in decimal */
    int nosuff;  /* w:suff="nothing" */
    char *pstyle;
} level;

typedef struct {
    int value[NLVL];
    unsigned char used[NLVL];
} counters;

typedef struct {
    int id;
    level lv[NLVL];
    char *link; /* w:numStyleLink: the levels live with a numbering style */
    counters cnt;
} abstract_num;

typedef struct {
    int id;
    int abs_id;
    int start[NLVL];   /* w:startOverride, -1 when absent */
    level lv[NLVL];    /* w:lvlOverride/w:lvl */
    unsigned char restarted[NLVL]; /* its w:startOverride has been applied */
} num_inst;

typedef struct {
    arc_input *in;
    size_t cap, ocap;
    const arc_xml *x; /* the part being walked */
    style *styles;
    size_t nstyles, cstyles;
    char *default_id; /* borrowed from styles[] */
    const style *default_style;
    abstract_num *abs;
    size_t nabs, cabs;
    num_inst *nums;
    size_t nnums, cnums;
    size_t text_max; /* the text built may not grow past this */
    int text_over;   /* it did (the reason is the caller's to write) */
} ctx;

static void level_free(level *l)
{
    free(l->text);
    free(l->pstyle);
    memset(l, 0, sizeof *l);
}

static void ctx_free(ctx *c)
{
    for (size_t i = 0; i < c->nstyles; i++) {
        free(c->styles[i].id);
        free(c->styles[i].based);
    }
    free(c->styles);
    for (size_t i = 0; i < c->nabs; i++) {
        for (int k = 0; k < NLVL; k++)
            level_free(&c->abs[i].lv[k]);
        free(c->abs[i].link);
    }
    free(c->abs);
    for (size_t i = 0; i < c->nnums; i++)
        for (int k = 0; k < NLVL; k++)
            level_free(&c->nums[i].lv[k]);
    free(c->nums);
}

/* "heading 1", "Heading1" (a styleId), "标题 1": the names Word and WPS
 * give the built-in heading styles, in case a style lacks w:outlineLvl. */
static int heading_name(const char *s)
{
    if (!s)
        return 0;
    const char *p;
    static const char en[] = "heading", cn[] = "标题";
    size_t i = 0;
    while (en[i] && (s[i] == en[i] || s[i] == en[i] - 'a' + 'A'))
        i++;
    if (!en[i])
        p = s + i;
    else if (strncmp(s, cn, sizeof cn - 1) == 0)
        p = s + sizeof cn - 1;
    else
        return 0;
    while (*p == ' ')
        p++;
    return p[0] >= '1' && p[0] <= '9' && !p[1] ? p[0] - '0' : 0;
}

static int cmp_style(const void *a, const void *b)
{
    return strcmp(((const style *)a)->id, ((const style *)b)->id);
}

static int cmp_style_key(const void *key, const void *e)
{
    return strcmp((const char *)key, ((const style *)e)->id);
}

static const style *find_style(const ctx *c, const char *id)
{
    if (!id || !c->nstyles)
        return NULL;
    return bsearch(id, c->styles, c->nstyles, sizeof *c->styles,
                   cmp_style_key);
}

static int load_styles(ctx *c, const arc_xml *x)
{
    for (const arc_xml_node *e = arc_xml_first_child(arc_xml_root(x)); e;
         e = arc_xml_next(e)) {
        if (!arc_xml_is_element(e) || strcmp(arc_xml_name(e), "style"))
            continue;
        const char *v = arc_xml_attr(x, e, "styleId");
        if (!v)
            continue;
        if (arc_grow((void **)&c->styles, &c->cstyles, c->nstyles + 1,
                     sizeof *c->styles))
            return ARC_ENOMEM;
        style *s = &c->styles[c->nstyles++];
        memset(s, 0, sizeof *s);
        s->outline = s->num_id = s->ilvl = -1;
        if (!(s->id = arc_strdup(v)))
            return ARC_ENOMEM;
        v = arc_xml_attr(x, e, "type");
        int para = !v || strcmp(v, "paragraph") == 0;
        /* Paragraphs without w:pStyle take the default paragraph style. */
        v = arc_xml_attr(x, e, "default");
        if (para && !c->default_id && v &&
            (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
             strcmp(v, "on") == 0))
            c->default_id = s->id;
        s->named = heading_name(s->id);
        if (!s->named)
            s->named = heading_name(child_val(x, e, "name"));
        if ((v = child_val(x, e, "basedOn")) && !(s->based = arc_strdup(v)))
            return ARC_ENOMEM;
        const arc_xml_node *ppr = child(e, "pPr");
        if ((v = child_val(x, ppr, "outlineLvl")))
            s->outline = outline_of(v);
        const arc_xml_node *np = child(ppr, "numPr");
        if (np) {
            s->num_id = to_int(child_val(x, np, "numId"), -1, 0, INT_MAX);
            s->ilvl = to_int(child_val(x, np, "ilvl"), -1, 0, NLVL - 1);
        }
    }
    if (c->nstyles)
        qsort(c->styles, c->nstyles, sizeof *c->styles, cmp_style);
    c->default_style = find_style(c, c->default_id);
    return 0;
}

/* Outline level of a paragraph in style s: the style's own w:outlineLvl,
 * else its heading name, else what it is based on. */
static int style_outline(const ctx *c, const style *s)
{
    for (int hop = 0; s && hop < HOPS; hop++) {
        if (s->outline >= 0)
            return s->outline;
        if (s->named)
            return s->named;
        s = find_style(c, s->based);
    }
    return 0;
}

/* The first style along the w:basedOn chain that says something about
 * numbering, or NULL. */
static const style *style_numbering(const ctx *c, const style *s)
{
    for (int hop = 0; s && hop < HOPS; hop++) {
        if (s->num_id >= 0)
            return s;
        s = find_style(c, s->based);
    }
    return NULL;
}

/* ----------------------------------------------------------- numbering */

enum {
    F_DECIMAL, F_ZERO, F_FULLWIDTH, F_CIRCLE, F_PAREN, F_STOP, F_CN,
    F_LEGAL, F_STEMS, F_BRANCHES, F_UPPER, F_LOWER, F_UROMAN, F_LROMAN,
    F_BULLET, F_NONE
};

static int fmt_of(const char *v)
{
    static const struct {
        const char *name;
        int fmt;
    } t[] = {
        {"decimalZero", F_ZERO},
        {"decimalFullWidth", F_FULLWIDTH},
        {"decimalFullWidth2", F_FULLWIDTH},
        {"decimalEnclosedCircle", F_CIRCLE},
        {"decimalEnclosedCircleChinese", F_CIRCLE},
        {"decimalEnclosedParen", F_PAREN},
        {"decimalEnclosedFullstop", F_STOP},
        /* Word spells 一二三 differently per locale and per range; for the
         * numbers a report's headings reach they all read 一 … 九十九. */
        {"chineseCounting", F_CN},
        {"chineseCountingThousand", F_CN},
        {"japaneseCounting", F_CN},
        {"taiwaneseCounting", F_CN},
        {"taiwaneseCountingThousand", F_CN},
        {"ideographDigital", F_CN},
        {"taiwaneseDigital", F_CN},
        {"japaneseDigitalTenThousand", F_CN},
        {"chineseLegalSimplified", F_LEGAL},
        {"ideographLegalTraditional", F_LEGAL},
        {"japaneseLegal", F_LEGAL},
        /* Not numerals at all: the heavenly stems and earthly branches. */
        {"ideographTraditional", F_STEMS},
        {"ideographZodiac", F_BRANCHES},
        {"upperLetter", F_UPPER},
        {"lowerLetter", F_LOWER},
        {"upperRoman", F_UROMAN},
        {"lowerRoman", F_LROMAN},
        {"bullet", F_BULLET},
        {"none", F_NONE},
    };
    if (v)
        for (size_t i = 0; i < ARC_ARRAY_LEN(t); i++)
            if (strcmp(v, t[i].name) == 0)
                return t[i].fmt;
    return F_DECIMAL; /* the default, and the nearest for anything else */
}

/* One character out of a list of three-byte UTF-8 characters. */
static void pick(const char *list, int i, char *out)
{
    memcpy(out, list + 3 * i, 3);
    out[3] = '\0';
}

/* Writes value v in format fmt into out (64 bytes).  Formats with a fixed
 * range fall back to decimal outside it, as Word does. */
static void render_number(int fmt, int v, char *out)
{
    static const char legal[] = "壹贰叁肆伍陆柒捌玖拾";
    static const char small[] = "一二三四五六七八九十";
    out[0] = '\0';
    switch (fmt) {
    case F_NONE:
    case F_BULLET:
        return;
    case F_ZERO:
        snprintf(out, 64, "%02d", v);
        return;
    case F_FULLWIDTH: {
        char d[16];
        size_t n = 0;
        snprintf(d, sizeof d, "%d", v);
        for (const char *p = d; *p; p++)
            n += arc_utf8_encode(0xFF10u + (unsigned)(*p - '0'), out + n);
        out[n] = '\0';
        return;
    }
    case F_CIRCLE:
    case F_PAREN:
    case F_STOP:
        if (v >= 1 && v <= 20) {
            unsigned base = fmt == F_CIRCLE ? 0x2460u
                            : fmt == F_PAREN ? 0x2474u : 0x2488u;
            out[arc_utf8_encode(base + (unsigned)v - 1, out)] = '\0';
            return;
        }
        break;
    case F_CN:
    case F_LEGAL:
        if (v == 0) {
            strcpy(out, fmt == F_CN ? "〇" : "零");
            return;
        }
        if (v >= 1 && v <= 99) {
            char cn[16];
            arc_cn_small_render(v, cn);
            if (fmt == F_CN) {
                strcpy(out, cn);
                return;
            }
            /* Formal numerals write the leading one: 壹拾贰, not 拾贰. */
            size_t n = 0;
            if (v >= 10 && v <= 19) {
                pick(legal, 0, out);
                n = 3;
            }
            for (const char *p = cn; *p; p += 3) {
                int k = 0;
                while (k < 9 && memcmp(small + 3 * k, p, 3) != 0)
                    k++;
                pick(legal, k, out + n);
                n += 3;
            }
            return;
        }
        break;
    case F_STEMS:
        if (v >= 1 && v <= 10) {
            pick("甲乙丙丁戊己庚辛壬癸", v - 1, out);
            return;
        }
        break;
    case F_BRANCHES:
        if (v >= 1 && v <= 12) {
            pick("子丑寅卯辰巳午未申酉戌亥", v - 1, out);
            return;
        }
        break;
    case F_UPPER:
    case F_LOWER:
        /* A … Z, AA … ZZ, AAA …: Word repeats the letter. */
        if (v >= 1 && v <= 26 * 8) {
            int reps = (v - 1) / 26 + 1;
            char ch = (char)((fmt == F_UPPER ? 'A' : 'a') + (v - 1) % 26);
            memset(out, ch, (size_t)reps);
            out[reps] = '\0';
            return;
        }
        break;
    case F_UROMAN:
    case F_LROMAN:
        if (v >= 1 && v < 4000) {
            static const int val[] = {1000, 900, 500, 400, 100, 90, 50,
                                      40,   10,  9,   5,   4,   1};
            static const char *const sym[] = {"M",  "CM", "D",  "CD", "C",
                                              "XC", "L",  "XL", "X",  "IX",
                                              "V",  "IV", "I"};
            for (size_t i = 0; i < ARC_ARRAY_LEN(val); i++)
                while (v >= val[i]) {
                    strcat(out, sym[i]);
                    v -= val[i];
                }
            if (fmt == F_LROMAN)
                for (char *p = out; *p; p++)
                    *p = (char)(*p - 'A' + 'a');
            return;
        }
        break;
    default:
        break;
    }
    snprintf(out, 64, "%d", v);
}

void arc_list_number(const char *numfmt, int value, char *out)
{
    render_number(fmt_of(numfmt), value, out);
}

static int load_level(const arc_xml *x, const arc_xml_node *e, level *l)
{
    level_free(l);
    l->defined = 1;
    /* ECMA-376: a level without w:start starts at 0. */
    l->start = to_int(child_val(x, e, "start"), 0, 0, MAX_COUNT);
    const arc_xml_node *f = child(e, "numFmt");
    if (!f) /* Word 2010+ puts custom formats in a choice, decimal-ish
               fallback outside it */
        f = child(child(child(e, "AlternateContent"), "Fallback"), "numFmt");
    l->fmt = fmt_of(f ? arc_xml_attr(x, f, "val") : NULL);
    const char *v = child_val(x, e, "lvlText");
    if (v && !(l->text = arc_strdup(v)))
        return ARC_ENOMEM;
    v = child_val(x, e, "lvlRestart");
    l->restart = v ? to_int(v, -1, 0, NLVL) : -1;
    l->legal = is_on(x, child(e, "isLgl"));
    v = child_val(x, e, "suff");
    l->nosuff = v && strcmp(v, "nothing") == 0;
    v = child_val(x, e, "pStyle");
    if (v && !(l->pstyle = arc_strdup(v)))
        return ARC_ENOMEM;
    return 0;
}

static int cmp_abs(const void *a, const void *b)
{
    int x = ((const abstract_num *)a)->id, y = ((const abstract_num *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_num(const void *a, const void *b)
{
    int x = ((const num_inst *)a)->id, y = ((const num_inst *)b)->id;
    return (x > y) - (x < y);
}

static abstract_num *find_abs(ctx *c, int id)
{
    abstract_num key = {.id = id};
    return c->nabs ? bsearch(&key, c->abs, c->nabs, sizeof *c->abs, cmp_abs)
                   : NULL;
}

static num_inst *find_num(ctx *c, int id)
{
    num_inst key = {.id = id};
    return c->nnums
               ? bsearch(&key, c->nums, c->nnums, sizeof *c->nums, cmp_num)
               : NULL;
}

static int load_abstract(ctx *c, const arc_xml *x, const arc_xml_node *e)
{
    int id = to_int(arc_xml_attr(x, e, "abstractNumId"), -1, 0, INT_MAX);
    if (id < 0)
        return 0;
    if (arc_grow((void **)&c->abs, &c->cabs, c->nabs + 1, sizeof *c->abs))
        return ARC_ENOMEM;
    abstract_num *a = &c->abs[c->nabs++];
    memset(a, 0, sizeof *a);
    a->id = id;
    const char *v = child_val(x, e, "numStyleLink");
    if (v && !(a->link = arc_strdup(v)))
        return ARC_ENOMEM;
    for (const arc_xml_node *l = arc_xml_first_child(e); l;
         l = arc_xml_next(l)) {
        if (!arc_xml_is_element(l) || strcmp(arc_xml_name(l), "lvl"))
            continue;
        int k = to_int(arc_xml_attr(x, l, "ilvl"), -1, -1, NLVL);
        if (k >= 0 && k < NLVL && load_level(x, l, &a->lv[k]))
            return ARC_ENOMEM;
    }
    return 0;
}

static int load_num(ctx *c, const arc_xml *x, const arc_xml_node *e)
{
    int id = to_int(arc_xml_attr(x, e, "numId"), -1, 0, INT_MAX);
    if (id < 0)
        return 0;
    if (arc_grow((void **)&c->nums, &c->cnums, c->nnums + 1,
                 sizeof *c->nums))
        return ARC_ENOMEM;
    num_inst *n = &c->nums[c->nnums++];
    memset(n, 0, sizeof *n);
    n->id = id;
    for (int k = 0; k < NLVL; k++)
        n->start[k] = -1;
    n->abs_id = to_int(child_val(x, e, "abstractNumId"), -1, 0, INT_MAX);
    for (const arc_xml_node *o = arc_xml_first_child(e); o;
         o = arc_xml_next(o)) {
        if (!arc_xml_is_element(o) || strcmp(arc_xml_name(o), "lvlOverride"))
            continue;
        int k = to_int(arc_xml_attr(x, o, "ilvl"), -1, -1, NLVL);
        if (k < 0 || k >= NLVL)
            continue;
        const char *v = child_val(x, o, "startOverride");
        if (v)
            n->start[k] = to_int(v, 0, 0, MAX_COUNT);
        const arc_xml_node *l = child(o, "lvl");
        if (l && load_level(x, l, &n->lv[k]))
            return ARC_ENOMEM;
    }
    return 0;
}

static int load_numbering(ctx *c, const arc_xml *x)
{
    for (const arc_xml_node *e = arc_xml_first_child(arc_xml_root(x)); e;
         e = arc_xml_next(e)) {
        int rc = 0;
        if (!arc_xml_is_element(e))
            continue;
        if (strcmp(arc_xml_name(e), "abstractNum") == 0)
            rc = load_abstract(c, x, e);
        else if (strcmp(arc_xml_name(e), "num") == 0)
            rc = load_num(c, x, e);
        if (rc)
            return rc;
    }
    if (c->nabs)
        qsort(c->abs, c->nabs, sizeof *c->abs, cmp_abs);
    if (c->nnums)
        qsort(c->nums, c->nnums, sizeof *c->nums, cmp_num);
    return 0;
}

/* The abstract numbering that holds n's levels: a list style's abstractNum
 * only names the numbering style (w:numStyleLink), whose w:numPr leads to
 * the abstractNum with the levels. */
static abstract_num *resolve_abstract(ctx *c, const num_inst *n)
{
    abstract_num *a = find_abs(c, n->abs_id);
    for (int hop = 0; a && a->link && hop < HOPS; hop++) {
        const style *s = find_style(c, a->link);
        const num_inst *m = s && s->num_id > 0 ? find_num(c, s->num_id) : NULL;
        abstract_num *b = m ? find_abs(c, m->abs_id) : NULL;
        if (!b || b == a)
            break;
        a = b;
    }
    return a;
}

/* Writes the label of a list paragraph (numbering num_id, level ilvl, -1
 * when only its style knows) at the start of its line and advances the
 * counters.
 *
 * Word keeps one set of counters per abstract numbering: two w:num that
 * share an abstractNum continue each other's count, while a w:num with
 * w:startOverride (Word's "restart numbering") sets that count back, once,
 * at its first paragraph on that level; w:num that refer to it afterwards
 * go on from there.  An override without w:startOverride (an empty one, or
 * a w:lvl that only changes the format) restarts nothing. */
static int number_paragraph(ctx *c, int num_id, int ilvl, const style *ps)
{
    num_inst *n = find_num(c, num_id);
    abstract_num *a = n ? resolve_abstract(c, n) : NULL;
    if (!a)
        return 0;
    const level *lv[NLVL];
    int start[NLVL];
    for (int k = 0; k < NLVL; k++) {
        lv[k] = n->lv[k].defined ? &n->lv[k]
                : a->lv[k].defined ? &a->lv[k] : NULL;
        start[k] = n->start[k] >= 0 ? n->start[k] : lv[k] ? lv[k]->start : 0;
    }
    /* A heading style linked to a list level names it from the level's
     * side (w:lvl/w:pStyle). */
    for (int k = 0; ilvl < 0 && ps && k < NLVL; k++)
        if (lv[k] && lv[k]->pstyle && strcmp(lv[k]->pstyle, ps->id) == 0)
            ilvl = k;
    if (ilvl < 0)
        ilvl = 0;
    const level *l = lv[ilvl];
    if (!l)
        return 0;
    counters *cnt = &a->cnt;
    if (!cnt->used[ilvl] || (n->start[ilvl] >= 0 && !n->restarted[ilvl])) {
        cnt->value[ilvl] = start[ilvl];
        cnt->used[ilvl] = 1;
        n->restarted[ilvl] = 1;
    } else if (cnt->value[ilvl] < MAX_COUNT) {
        cnt->value[ilvl]++;
    }
    for (int k = ilvl + 1; k < NLVL; k++) {
        int r = lv[k] ? lv[k]->restart : -1;
        if (r < 0 || ilvl < r) /* w:lvlRestart 0: never restarts */
            cnt->used[k] = 0;
    }
    /* Bullets are symbol-font glyphs (often private-use code points) that
     * say nothing about structure. */
    if (!l->text || l->fmt == F_BULLET)
        return 0;
    arc_input *in = c->in;
    size_t begin = in->len;
    for (const char *p = l->text; *p; p++) {
        char buf[64];
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            int v = cnt->used[k] ? cnt->value[k] : start[k];
            render_number(l->legal || !lv[k] ? F_DECIMAL : lv[k]->fmt, v,
                          buf);
            p++;
        } else {
            buf[0] = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
            buf[1] = '\0';
        }
        if (arc_input_append(in, &c->cap, buf, strlen(buf)))
            return ARC_ENOMEM;
        /* Labels are rendered from numbering.xml for every paragraph: a
         * long w:lvlText would multiply a small document.xml. */
        if (in->len > c->text_max) {
            c->text_over = 1;
            return ARC_EPARSE;
        }
    }
    /* Word separates label and text with a tab.  After 、 ） . the text
     * reads on without it ("一、主要举措"); after a bare number a space
     * keeps the two apart. */
    char last = in->len > begin ? in->text[in->len - 1] : '\0';
    if (!l->nosuff && ((last >= '0' && last <= '9') ||
                       (last >= 'A' && last <= 'Z') ||
                       (last >= 'a' && last <= 'z')))
        return arc_input_append(in, &c->cap, " ", 1);
    return 0;
}

/* ------------------------------------------------------------ document */

static int name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

/* Text inside a paragraph, in document order. */
static int walk_inline(ctx *c, const arc_xml_node *n)
{
    /* Property blocks hold no text; deleted revisions, field codes and
     * the fallback copy of alternate content would show what the reader
     * does not see; drawings (text boxes) would nest paragraphs in a
     * line. */
    static const char *const skip[] = {
        "pPr", "rPr", "del", "moveFrom", "delText", "delInstrText",
        "instrText", "Fallback", "drawing", "pict", "object", "sdtPr",
        "sdtEndPr", "customXmlPr", "fldData", NULL};
    static const char *const space[] = {"tab", "ptab", "br", "cr", NULL};
    for (const arc_xml_node *e = arc_xml_first_child(n); e;
         e = arc_xml_next(e)) {
        if (!arc_xml_is_element(e))
            continue; /* whitespace between runs is markup, not text */
        const char *name = arc_xml_name(e);
        int rc = 0;
        if (strcmp(name, "t") == 0) {
            for (const arc_xml_node *t = arc_xml_first_child(e);
                 t && !rc; t = arc_xml_next(t)) {
                /* Entity references stay unexpanded nodes (xml.h) and are
                 * skipped here with everything else that is not text. */
                const char *s = arc_xml_text(t);
                while (*s && !rc) {
                    /* A newline inside w:t would split the paragraph's
                     * line. */
                    size_t k = strcspn(s, "\n\r\t");
                    rc = arc_input_append(c->in, &c->cap, s, k);
                    s += k;
                    if (*s && !rc) {
                        rc = arc_input_append(c->in, &c->cap, " ", 1);
                        s++;
                    }
                }
            }
        } else if (name_in(name, space)) {
            /* Breaks inside a paragraph keep it on one line. */
            rc = arc_input_append(c->in, &c->cap, " ", 1);
        } else if (strcmp(name, "noBreakHyphen") == 0) {
            rc = arc_input_append(c->in, &c->cap, "-", 1);
        } else if (name_in(name, skip)) {
            continue;
        } else if (strcmp(name, "r") == 0 &&
                   is_on(c->x, child(child(e, "rPr"), "vanish"))) {
            continue; /* hidden text */
        } else {
            rc = walk_inline(c, e); /* r, hyperlink, ins, smartTag, sdt … */
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* One w:p, one line: line N of the text is the document's paragraph N
 * (empty ones included, hence keep_empty), so positions in findings can be
 * found in Word by counting paragraphs. */
static int paragraph(ctx *c, const arc_xml_node *p)
{
    const arc_xml *x = c->x;
    const arc_xml_node *ppr = child(p, "pPr");
    const style *ps = NULL;
    int outline = -1, num_id = -1, ilvl = -1;
    const char *v = child_val(x, ppr, "pStyle");
    if (v)
        ps = find_style(c, v);
    if (!ps)
        ps = c->default_style;
    if ((v = child_val(x, ppr, "outlineLvl")))
        outline = outline_of(v);
    const arc_xml_node *np = child(ppr, "numPr");
    if (np) {
        num_id = to_int(child_val(x, np, "numId"), -1, 0, INT_MAX);
        ilvl = to_int(child_val(x, np, "ilvl"), -1, 0, NLVL - 1);
    }
    if (outline < 0)
        outline = style_outline(c, ps);
    if (num_id < 0) {
        const style *ns = style_numbering(c, ps);
        if (ns) {
            num_id = ns->num_id;
            if (ilvl < 0)
                ilvl = ns->ilvl;
        }
    }
    int rc = 0;
    if (num_id > 0) /* numId 0 switches a style's numbering off */
        rc = number_paragraph(c, num_id, ilvl, ps);
    if (!rc)
        rc = walk_inline(c, p);
    if (!rc)
        rc = arc_input_end_line(c->in, &c->cap, &c->ocap,
                                (unsigned char)outline, 1);
    if (!rc && c->in->len > c->text_max) {
        c->text_over = 1;
        rc = ARC_EPARSE;
    }
    return rc;
}

/* ------------------------------------------------------------- archive */

/* Parts read whole and parsed as a tree (styles, numbering) are small in
 * any real document; the tree takes several times the XML's size. */
#define MAX_TREE_PART ((size_t)16 << 20)

/* Reads and parses part `name`; *x stays NULL when the part is absent. */
static int load_part(arc_pkg *pkg, const char *name, arc_xml **x,
                     char *reason, size_t size)
{
    char *buf;
    size_t len;
    *x = NULL;
    int rc = arc_pkg_read(pkg, name, MAX_TREE_PART, &buf, &len, reason,
                          size);
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

/* Where the walk of document.xml is. */
typedef struct {
    int in_body;             /* inside w:body (depth 1) */
    int seen_body;
    int deleted_row;         /* depth of a deleted w:tr being skipped, -1 */
    unsigned char is_tr[64]; /* the open element at each depth is a w:tr */
} walk_state;

/* What to do with the element the reader is on: 1 go into it, 0 skip it
 * (after reading it if it is a paragraph), or an error. */
static int block(ctx *c, arc_xml_reader *r, walk_state *w, char *why,
                 size_t wsize)
{
    /* Block content in document order: paragraphs, and the paragraphs of
     * tables (row by row, cell by cell), content controls and custom XML;
     * property blocks and deleted or fallback content are skipped. */
    static const char *const skip[] = {
        "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr", "sdtEndPr",
        "customXmlPr", "del", "moveFrom", "Fallback", NULL};
    int depth = arc_xml_reader_depth(r);
    const char *name = arc_xml_reader_name(r);
    if (depth < (int)sizeof w->is_tr)
        w->is_tr[depth] = strcmp(name, "tr") == 0;
    if (depth == 0) /* the root: w:document, checked by the caller */
        return 1;
    if (depth == 1) {
        w->in_body = strcmp(name, "body") == 0 && !w->seen_body;
        w->seen_body |= w->in_body;
        return w->in_body;
    }
    if (!w->in_body)
        return 0;
    if (w->deleted_row >= 0 && depth > w->deleted_row)
        return 0; /* the rest of a deleted table row */
    w->deleted_row = -1;
    if (strcmp(name, "p") == 0) {
        /* One paragraph at a time: expanded, read, then dropped by the
         * reader when it moves on. */
        const arc_xml_node *p = arc_xml_reader_expand(r, why, wsize);
        if (!p)
            return ARC_EPARSE;
        int rc = paragraph(c, p);
        return rc ? rc : 0;
    }
    /* A row's w:trPr comes first in it: a deleted row is skipped whole. */
    if (strcmp(name, "trPr") == 0 && depth - 1 < (int)sizeof w->is_tr &&
        w->is_tr[depth - 1]) {
        const arc_xml_node *pr = arc_xml_reader_expand(r, why, wsize);
        if (!pr)
            return ARC_EPARSE;
        if (child(pr, "del"))
            w->deleted_row = depth - 1;
        return 0;
    }
    return name_in(name, skip) ? 0 : 1;
}

/*
 * Reads word/document.xml as a stream: only the paragraph being read is
 * held, never the whole tree (a few hundred KB of zip can inflate to
 * hundreds of MB of XML, whose tree would take gigabytes).
 */
static int stream_document(ctx *c, arc_pkg *pkg, char *reason, size_t size)
{
    arc_pkg_stream *ps;
    int rc = arc_pkg_stream_open(&ps, pkg, "word/document.xml", reason, size);
    if (rc || !ps) /* absent: the caller checked, but the archive lies */
        return rc ? rc
                  : arc_reason(reason, size, ARC_EPARSE,
                               BAD "缺少 word/document.xml");
    walk_state w = {0, 0, -1, {0}};
    arc_xml_reader *r = NULL;
    char why[256] = "";
    rc = arc_xml_reader_open(&r, arc_pkg_stream_read, ps);
    int k = rc ? rc : arc_xml_reader_next(r, why, sizeof why);
    if (r)
        c->x = arc_xml_reader_doc(r);
    while (k > 0) {
        if (!arc_xml_reader_is_start(r)) {
            k = arc_xml_reader_next(r, why, sizeof why);
            continue;
        }
        if (arc_xml_reader_depth(r) == 0 &&
            strcmp(arc_xml_reader_name(r), "document") != 0)
            break; /* not WordprocessingML: no w:body */
        int go = block(c, r, &w, why, sizeof why);
        if (go < 0) {
            k = go;
            break;
        }
        k = go ? arc_xml_reader_next(r, why, sizeof why)
               : arc_xml_reader_skip(r, why, sizeof why);
    }
    c->x = NULL;
    arc_xml_reader_free(r);
    /* A part over the limit is refused as such even when it is also
     * broken: what was read is counted to the limit, as for the others. */
    if ((rc = arc_pkg_stream_close(ps, k < 0, reason, size)))
        return rc;
    if (k == ARC_ENOMEM)
        return arc_reason_nomem(reason, size);
    if (c->text_over)
        return arc_reason(reason, size, ARC_EPARSE,
                          "解压后的文字超过 %zu MiB，拒绝读取（可能是压缩炸弹）",
                          c->text_max >> 20);
    if (k < 0)
        return arc_reason(reason, size, ARC_EPARSE, BAD "%s 无法解析（%s）",
                          "word/document.xml", why);
    if (!w.seen_body)
        return arc_reason(reason, size, ARC_EPARSE,
                          BAD "word/document.xml 中没有正文（w:body）");
    return 0;
}

static int read_docx(ctx *c, arc_pkg *pkg, const arc_input_limits *lim,
                     char *reason, size_t size)
{
    if (!arc_pkg_has(pkg, "word/document.xml"))
        return arc_reason(reason, size, ARC_EPARSE,
                          BAD "缺少 word/document.xml（可能不是 Word 文档）");

    arc_xml *x;
    int rc = load_part(pkg, "word/styles.xml", &x, reason, size);
    if (!rc && x) {
        rc = load_styles(c, x) ? arc_reason_nomem(reason, size) : 0;
        arc_xml_free(x);
    }
    if (!rc)
        rc = load_part(pkg, "word/numbering.xml", &x, reason, size);
    if (!rc && x) {
        rc = load_numbering(c, x) ? arc_reason_nomem(reason, size) : 0;
        arc_xml_free(x);
    }
    c->text_max = lim->max_uncompressed;
    if (!rc)
        rc = stream_document(c, pkg, reason, size);
    if (!rc && !c->in->text) /* no paragraphs: still a string */
        rc = arc_input_append(c->in, &c->cap, "", 0);
    return rc == ARC_ENOMEM ? arc_reason_nomem(reason, size) : rc;
}

int arc_input_docx(arc_input *out, const char *data, size_t len,
                   const arc_input_limits *lim, char *reason,
                   size_t reason_size)
{
    /* A password-protected .docx is not a zip but an OLE compound file
     * holding the encrypted package, the same container as a .doc. */
    static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0,
                                        0xA1, 0xB1, 0x1A, 0xE1};
    arc_input_limits dflt = arc_input_limits_of(NULL);
    memset(out, 0, sizeof *out);
    if (reason && reason_size)
        reason[0] = '\0';
    if (!lim)
        lim = &dflt;
    out->budget = lim->budget;
    if (len >= sizeof ole && memcmp(data, ole, sizeof ole) == 0)
        return arc_reason(reason, reason_size, ARC_EPARSE,
                          "文档已加密或为旧版 .doc 格式，无法读取");
    arc_pkg_limits pl = {lim->max_uncompressed, lim->max_entries, BAD};
    arc_pkg *pkg;
    int rc = arc_pkg_open(&pkg, data, len, &pl, reason, reason_size);
    if (rc)
        return rc;
    ctx c = {.in = out};
    rc = read_docx(&c, pkg, lim, reason, reason_size);
    arc_pkg_close(pkg);
    ctx_free(&c);
    if (rc)
        arc_input_free(out);
    return rc;
}

static int sniff_docx(const char *data, size_t len)
{
    /* Any zip no other reader claimed: the Word reader says what is wrong
     * with it. */
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0 ? 2 : 0;
}

static int read_docx_row(arc_input *out, const char *data, size_t len,
                         const arc_load_opts *o, arc_budget *dl,
                         char *reason,
                         size_t reason_size)
{
    arc_input_limits lim = arc_input_limits_of(o);
    lim.budget = dl;
    return arc_input_docx(out, data, len, &lim, reason, reason_size);
}

static const char *const docx_ext[] = {".docx", ".docm", ".dotx", NULL};

const arc_reader arc_reader_docx = {"docx", "Word 文档", docx_ext,
                                    sniff_docx, read_docx_row, NULL};

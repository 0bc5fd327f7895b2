/* digest.c - what the corpus pass keeps of a report, made while the
 * document is alive (see result.h): the unit as compared across reports,
 * the winnowed fingerprints of the text with the unit's own name masked
 * (so that a report copied under another name is still the same text),
 * the years it mentions, its plan items and the paragraphs telling what
 * it did, as bigram sets.  Positions are resolved here (line, column,
 * byte offsets): the text is gone when the corpus pass reports.  All of it
 * is made in the thread's scratch, then copied into one piece of a slab
 * (slab.h): exact sizes, one allocation a report, none that grows. */
#include "result.h"

#include "doc.h"
#include "eval.h"
#include "fingerprint.h"
#include "rules.h"
#include "slab.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Item labels quote at most this many characters of the plan. */
#define ITEM_CHARS 30
/* An item or paragraph with fewer bigrams says too little to match. */
#define MIN_GRAMS 4
/* Kept characters after a year ("年" included) hashed with it. */
#define YEAR_CONTEXT 17

struct arc_digest_scratch {
    arc_kept kept;
    uint32_t *h, *sel;
    size_t hcap, selcap;
    /* The digest's arrays while it is made (its own until sealed). */
    arc_fp *fp;
    uint32_t *fph;
    arc_dyear *years;
    arc_ditem *plan;
    arc_dpara *measures;
    uint16_t *grams;
    size_t fp_cap, fph_cap, years_cap, plan_cap, meas_cap, grams_cap;
    arc_buf texts;      /* the plan items' texts, each NUL-terminated */
    size_t *text_at;    /* where each item's text starts in texts */
    size_t text_cap;
    unsigned char *use; /* per line: a line of the measures */
    size_t use_cap;
    arc_slab_pool pool;
    uint64_t seen[ARC_BITS16_WORDS];
};

arc_digest_scratch *arc_digest_scratch_new(void)
{
    return calloc(1, sizeof(arc_digest_scratch));
}

void arc_digest_scratch_free(arc_digest_scratch *s)
{
    if (!s)
        return;
    arc_kept_free(&s->kept);
    free(s->h);
    free(s->sel);
    free(s->fp);
    free(s->fph);
    free(s->years);
    free(s->plan);
    free(s->measures);
    free(s->grams);
    arc_buf_free(&s->texts);
    free(s->text_at);
    free(s->use);
    arc_slab_pool_done(&s->pool);
    free(s);
}

/* Resolves increasing normalised offsets to original byte offsets, lines
 * and columns in one pass over the text. */
typedef struct {
    const arc_text *t;
    size_t orig; /* original offset reached (BOM excluded) */
    size_t line; /* its 0-based line */
    size_t col;  /* its 1-based column */
    size_t brk;  /* the break of the last offset asked (orig_of) */
} cursor;

static void cursor_init(cursor *c, const arc_text *t)
{
    c->t = t;
    c->orig = 0;
    c->line = 0;
    c->col = 1;
    c->brk = 0;
}

/* arc_text_orig, walking the breaks from the last offset asked (offsets
 * asked increase; one before it starts again from the first). */
static size_t orig_of(cursor *c, size_t norm)
{
    const arc_text *t = c->t;
    if (norm > t->norm_len)
        norm = t->norm_len;
    if (c->brk >= t->nbreaks || t->breaks[c->brk].norm > norm)
        c->brk = 0;
    while (c->brk + 1 < t->nbreaks && t->breaks[c->brk + 1].norm <= norm)
        c->brk++;
    return t->breaks[c->brk].orig + (norm - t->breaks[c->brk].norm);
}

static void cursor_at(cursor *c, size_t norm, uint32_t *orig, uint32_t *line,
                      uint16_t *col)
{
    const arc_text *t = c->t;
    size_t o = orig_of(c, norm);
    if (o < c->orig) {
        size_t brk = c->brk;
        cursor_init(c, t);
        c->brk = brk;
    }
    while (c->line + 1 < t->nlines && t->lines[c->line + 1] <= o) {
        c->line++;
        c->orig = t->lines[c->line];
        c->col = 1;
    }
    c->col += arc_utf8_count(t->orig + c->orig, o - c->orig);
    c->orig = o;
    *orig = (uint32_t)(o + t->bom);
    if (line)
        *line = (uint32_t)c->line + 1;
    *col = (uint16_t)(c->col > 0xFFFF ? 0xFFFF : c->col);
}

/* ------------------------------------------------------------- units */

/* The name without spaces and without what `strip` (may be NULL) matches. */
static char *unit_norm(const arc_regex *strip, const char *name,
                       arc_matcher *m)
{
    arc_buf b = {0};
    for (const char *s = name; *s; s++)
        if (*s != ' ' && *s != '\t' && arc_buf_append(&b, s, 1))
            goto nomem;
    if (!b.data && arc_buf_puts(&b, ""))
        goto nomem;
    size_t from = 0, ms, me;
    while (strip && from <= b.len &&
           arc_regex_search(strip, m, b.data, b.len, from, 0, &ms, &me) > 0) {
        if (me == ms) { /* an empty match strips nothing */
            from = ms + 1;
            continue;
        }
        memmove(b.data + ms, b.data + me, b.len - me + 1);
        b.len -= me - ms;
        from = ms;
    }
    return b.data;
nomem:
    arc_buf_free(&b);
    return NULL;
}

/* The unit as compared across reports (the alias table applied to the
 * stripped name).  NULL on ENOMEM. */
static char *unit_key(const arc_corpus_params *p, const char *plain,
                      arc_matcher *m)
{
    for (size_t i = 0; plain[0] && i < p->naliases; i++) {
        char *from = unit_norm(p->unit_strip, p->alias_from[i], m);
        if (!from)
            return NULL;
        int hit = strcmp(from, plain) == 0;
        free(from);
        if (hit)
            return unit_norm(p->unit_strip, p->alias_to[i], m);
    }
    return arc_strdup(plain);
}

/* ------------------------------------------------------ fingerprints */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The first digit of kept[i, n), or n; *next is where the digits'
 * list was left (indices asked increase). */
static size_t next_digit(const arc_kept *kept, size_t i, size_t *next)
{
    size_t j = *next;
    while (j < kept->ndigit && kept->digit[j] < i)
        j++;
    *next = j;
    return j < kept->ndigit ? kept->digit[j] : kept->n;
}

static int fill_fingerprints(arc_digest *d, const arc_corpus_params *p,
                             const arc_doc *doc, arc_digest_scratch *sc)
{
    const arc_kept *kept = &sc->kept;
    size_t nh = 0, nsel = 0;
    if (arc_kgram_hashes(kept, p->k, &sc->h, &sc->hcap, &nh) ||
        arc_winnow(sc->h, nh, p->window, &sc->sel, &sc->selcap, &nsel) ||
        arc_grow((void **)&sc->fp, &sc->fp_cap, nsel, sizeof *sc->fp) ||
        arc_grow((void **)&sc->fph, &sc->fph_cap, nsel, sizeof *sc->fph))
        return ARC_ENOMEM;
    d->fp = sc->fp;
    d->fph = sc->fph;
    cursor c, ce; /* starts and ends */
    size_t digit = 0;
    cursor_init(&c, &doc->text);
    cursor_init(&ce, &doc->text);
    for (size_t j = 0; j < nsel; j++) {
        size_t i = sc->sel[j];
        uint32_t hash = sc->h[i];
        /* Listed boilerplate never counts: dropped here, not stored. */
        if ((p->passage_bits[hash >> 26] >> (hash >> 20 & 63) & 1) &&
            bsearch(&hash, p->passages, p->npassages, sizeof *p->passages,
                    cmp_u32))
            continue;
        d->fph[d->nfp] = hash;
        arc_fp *f = &d->fp[d->nfp++];
        f->at = (uint32_t)i;
        cursor_at(&c, kept->start[i], &f->orig, NULL, &f->col);
        size_t end = orig_of(&ce, arc_kept_end(kept, i + p->k - 1)) +
                     doc->text.bom;
        size_t len = end - f->orig;
        f->len = (uint16_t)(len > ARC_FP_LEN ? ARC_FP_LEN : len);
        if (next_digit(kept, i, &digit) < i + p->k)
            f->len |= ARC_FP_DIGIT;
    }
    return 0;
}

/* ------------------------------------------------------------- years */

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* Inside 《…》 on its line: the name of a document, not the report's
 * own statement about a year. */
static int quoted(const char *t, size_t at)
{
    static const char open[] = "\xE3\x80\x8A", close[] = "\xE3\x80\x8B";
    for (size_t i = at; i >= 3 && t[i - 1] != '\n'; i--) {
        if (memcmp(t + i - 3, close, 3) == 0)
            return 0;
        if (memcmp(t + i - 3, open, 3) == 0)
            return 1;
    }
    return 0;
}

static int allowed(const arc_corpus_params *p, const arc_doc *doc,
                   size_t at, arc_matcher *m)
{
    const char *t = doc->text.norm;
    if (quoted(t, at))
        return 1;
    const char *nl = memchr(t + at, '\n', doc->text.norm_len - at);
    size_t end = nl ? (size_t)(nl - t) : doc->text.norm_len;
    size_t ms, me;
    /* The patterns are compiled anchored (\G): no match-time anchor. */
    for (size_t i = 0; i < p->nyear_allow; i++)
        if (arc_regex_search(p->year_allow[i], m, t, end, at, 0, &ms, &me) > 0)
            return 1;
    return 0;
}

static int fill_years(arc_digest *d, const arc_corpus_params *p,
                      const arc_doc *doc, arc_digest_scratch *sc, int own,
                      arc_matcher *m)
{
    const arc_kept *k = &sc->kept;
    d->years = sc->years;
    cursor c;
    cursor_init(&c, &doc->text);
    const uint32_t *cp = k->cp;
    const uint8_t *fl = k->flag;
    /* Each 年 after four digits, all joined, not after a fifth digit. */
    for (size_t ny = 0; ny < k->nnian; ny++) {
        size_t n4 = k->nian[ny];
        if (n4 < 4)
            continue;
        size_t i = n4 - 4;
        if (!is_digit(cp[i]) || !is_digit(cp[i + 1]) || !is_digit(cp[i + 2]) ||
            !is_digit(cp[i + 3]))
            continue;
        int joined = 1;
        for (size_t j = i + 1; j <= n4; j++)
            joined &= fl[j] & ARC_KEPT_JOINED;
        if (!joined ||
            (i > 0 && is_digit(cp[i - 1]) && (fl[i] & ARC_KEPT_JOINED)))
            continue;
        int year = (int)((cp[i] - '0') * 1000 + (cp[i + 1] - '0') * 100 +
                         (cp[i + 2] - '0') * 10 + (cp[i + 3] - '0'));
        if (year != own && year != own - 1)
            continue;
        if (arc_grow((void **)&sc->years, &sc->years_cap, d->nyears + 1,
                     sizeof *sc->years))
            return ARC_ENOMEM;
        d->years = sc->years;
        arc_dyear *y = &d->years[d->nyears++];
        y->at = (uint32_t)i;
        y->year = (uint16_t)year;
        cursor_at(&c, k->start[i], &y->orig, NULL, &y->col);
        y->len = (uint8_t)(arc_kept_end(k, n4) - k->start[i]);
        y->ctx = arc_kept_hash(k, i, YEAR_CONTEXT);
        y->allowed = (uint8_t)(year == own - 1 &&
                               allowed(p, doc, k->start[i], m));
    }
    return 0;
}

/* ------------------------------------------------- plan and measures */

typedef struct {
    arc_digest *d;
    const arc_corpus_params *p;
    const arc_doc *doc;
    arc_digest_scratch *sc;
    size_t hint; /* the kept index found last */
} plan_ctx;

/* First kept index at or after normalised offset off.  Spans are mostly
 * asked in text order, one after the other: walked forward from the last
 * one found (a binary search a line cost more in mispredicted branches
 * than the walk over the line), sought only when asked backwards. */
static size_t kept_index(plan_ctx *pc, size_t off)
{
    const arc_kept *k = &pc->sc->kept;
    size_t i = pc->hint;
    if (i > k->n || (i > 0 && k->start[i - 1] >= off)) {
        i = arc_lower_bound_u32(k->start, i > k->n ? k->n : i, off);
    } else {
        /* Eight at a time while the eighth is still before off (starts
         * increase). */
        while (i + 8 <= k->n && k->start[i + 7] < off)
            i += 8;
        while (i < k->n && k->start[i] < off)
            i++;
    }
    pc->hint = i;
    return i;
}

/* Appends the bigrams of the normalised span [s, e), stop words left
 * out; returns how many, or (size_t)-1 on ENOMEM. */
static size_t span_grams(plan_ctx *pc, size_t s, size_t e)
{
    arc_digest *d = pc->d;
    arc_digest_scratch *sc = pc->sc;
    size_t before = d->ngrams, from = kept_index(pc, s);
    if (arc_bigrams(&sc->kept, from, kept_index(pc, e), pc->p->stop_bits,
                    sc->seen, &sc->grams, &d->ngrams, &sc->grams_cap))
        return (size_t)-1;
    d->grams = sc->grams;
    return d->ngrams - before;
}

/* Adds the plan item [s, e) (its heading [ls, le), or a sentence: ls ==
 * s), or a measure paragraph [s, e) when plan is 0. */
static int add_item(plan_ctx *pc, int plan, size_t s, size_t e, size_t ls,
                    size_t le)
{
    arc_digest *d = pc->d;
    const char *t = pc->doc->text.norm;
    s = arc_trim_start(t, s, e);
    e = arc_trim_end(t, s, e);
    if (s >= e)
        return 0;
    size_t g0 = d->ngrams, n = span_grams(pc, s, e);
    if (n == (size_t)-1)
        return ARC_ENOMEM;
    if (n < MIN_GRAMS) {
        d->ngrams = g0;
        return 0;
    }
    arc_digest_scratch *sc = pc->sc;
    if (!plan) {
        if (arc_grow((void **)&sc->measures, &sc->meas_cap, d->nmeasures + 1,
                     sizeof *sc->measures))
            return ARC_ENOMEM;
        d->measures = sc->measures;
        /* The caller knows the line. */
        d->measures[d->nmeasures++] =
            (arc_dpara){0, (uint32_t)g0, (uint32_t)d->ngrams};
        return 0;
    }
    if (arc_grow((void **)&sc->plan, &sc->plan_cap, d->nplan + 1,
                 sizeof *sc->plan) ||
        arc_grow((void **)&sc->text_at, &sc->text_cap, d->nplan + 1,
                 sizeof *sc->text_at))
        return ARC_ENOMEM;
    d->plan = sc->plan;
    arc_ditem *it = &d->plan[d->nplan];
    memset(it, 0, sizeof *it);
    it->g0 = (uint32_t)g0;
    it->g1 = it->t1 = (uint32_t)d->ngrams;
    /* An item under a heading of its own: the heading's words too, on
     * their own (the topic, which a report may answer in other words). */
    if (ls > s && le <= e) {
        if (span_grams(pc, ls, le) == (size_t)-1)
            return ARC_ENOMEM;
        it->t1 = (uint32_t)d->ngrams;
    }
    it->orig = (uint32_t)s; /* normalised for now: resolved later */
    it->end = (uint32_t)e;
    ls = arc_trim_start(t, ls, le);
    le = arc_trim_end(t, ls, le);
    if (ls >= le)
        ls = s, le = e;
    /* The text is placed when the digest is sealed. */
    size_t nb = arc_utf8_prefix(t + ls, le - ls, ITEM_CHARS);
    sc->text_at[d->nplan] = sc->texts.len;
    if (arc_buf_append(&sc->texts, t + ls, nb) ||
        arc_buf_append(&sc->texts, "", 1))
        return ARC_ENOMEM;
    d->nplan++;
    return 0;
}

/* Sentences of [s, e): up to each 。 ; ； (the terminator kept). */
static int add_sentences(plan_ctx *pc, size_t s, size_t e)
{
    const char *t = pc->doc->text.norm;
    size_t from = s;
    for (size_t i = s; i < e;) {
        size_t n = 1;
        int stop = 0;
        if (t[i] == ';' || t[i] == '\n')
            stop = 1;
        else if (e - i >= 3 && (memcmp(t + i, "\xE3\x80\x82", 3) == 0 ||
                                memcmp(t + i, "\xEF\xBC\x9B", 3) == 0))
            stop = 1, n = 3;
        i += n;
        if (stop || i >= e) {
            int rc = add_item(pc, 1, from, i, from, i);
            if (rc)
                return rc;
            from = i;
        }
    }
    return 0;
}

/* The items of a part under a heading: its sub-parts, else its
 * paragraphs, else the sentences of its only paragraph. */
static int plan_from_section(plan_ctx *pc, int si)
{
    const arc_doc *doc = pc->doc;
    const arc_section *s = &doc->sections[si];
    int children = 0;
    for (size_t i = (size_t)si + 1; i < doc->nsections; i++) {
        const arc_section *c = &doc->sections[i];
        if (c->line_start >= s->end)
            break;
        if (c->parent != si)
            continue;
        children = 1;
        int rc = add_item(pc, 1, c->line_start, c->end, c->title_start,
                          c->title_end);
        if (rc)
            return rc;
    }
    if (children)
        return 0;
    /* The body's paragraphs (an inline body starts mid-line). */
    size_t first = arc_doc_line_at(doc, s->body_start), segs = 0;
    size_t one_s = 0, one_e = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t li = first;
             li < doc->nlines && doc->lines[li].start < s->end; li++) {
            const arc_line *ln = &doc->lines[li];
            size_t a = ln->start > s->body_start ? ln->start : s->body_start;
            size_t b = ln->end < s->end ? ln->end : s->end;
            if (a >= b)
                continue;
            if (pass == 0) {
                segs++;
                one_s = a, one_e = b;
                continue;
            }
            if (segs == 1)
                return add_sentences(pc, one_s, one_e);
            int rc = add_item(pc, 1, a, b, a, b);
            if (rc)
                return rc;
        }
    return 0;
}

/* A work plan's tasks: its sections without sub-sections. */
static int plan_from_tasks(plan_ctx *pc)
{
    const arc_doc *doc = pc->doc;
    for (size_t i = 0; i < doc->nsections; i++) {
        const arc_section *s = &doc->sections[i];
        if (i + 1 < doc->nsections && doc->sections[i + 1].parent == (int)i)
            continue;
        int rc = add_item(pc, 1, s->line_start, s->end, s->title_start,
                          s->title_end);
        if (rc)
            return rc;
    }
    return 0;
}

/* What the unit did: the lines of the listed parts, each once, in text
 * order (one part may lie inside another). */
static int fill_measures(plan_ctx *pc, const arc_ruleset *rs,
                         const arc_check_out *co)
{
    const arc_doc *doc = pc->doc;
    const arc_corpus_params *p = pc->p;
    arc_digest_scratch *sc = pc->sc;
    if (arc_grow((void **)&sc->use, &sc->use_cap, doc->nlines + 1, 1))
        return ARC_ENOMEM;
    unsigned char *use = sc->use;
    memset(use, 0, doc->nlines + 1);
    for (size_t i = 0; i < p->nmeasures_parts; i++) {
        int pm = arc_ruleset_part(rs, p->measures_parts[i]);
        if (pm < 0 || pm >= ARC_MAX_PARTS || co->part[pm] == ARC_PART_MISSING)
            continue;
        for (size_t li = arc_doc_line_at(doc, co->part_start[pm]);
             li < doc->nlines && doc->lines[li].start < co->part_end[pm]; li++)
            use[li] = 1;
    }
    int rc = 0;
    arc_digest *d = pc->d;
    for (size_t li = 0; !rc && li < doc->nlines; li++) {
        if (!use[li])
            continue;
        size_t n = d->nmeasures;
        rc = add_item(pc, 0, doc->lines[li].start, doc->lines[li].end, 0, 0);
        if (!rc && d->nmeasures > n)
            d->measures[n].line = (uint32_t)li + 1;
    }
    return rc;
}

static int fill_plan(arc_digest *d, const arc_ruleset *rs,
                     const arc_doc *doc, const arc_check_out *co,
                     arc_digest_scratch *sc)
{
    const arc_corpus_params *p = &rs->corpus;
    plan_ctx pc = {d, p, doc, sc, 0};
    int pp = p->plan_part ? arc_ruleset_part(rs, p->plan_part) : -1;
    int rc = 0;
    if (d->work_plan)
        rc = plan_from_tasks(&pc);
    else if (pp >= 0 && pp < ARC_MAX_PARTS &&
             co->part[pp] == ARC_PART_HEADING && co->part_section[pp] >= 0)
        rc = plan_from_section(&pc, co->part_section[pp]);
    else if (pp >= 0 && pp < ARC_MAX_PARTS && co->part[pp] == ARC_PART_PROSE)
        rc = add_sentences(&pc, co->part_at[pp], co->part_end[pp]);
    if (!rc && !d->work_plan && p->nmeasures_parts)
        rc = fill_measures(&pc, rs, co);
    if (rc)
        return rc;
    /* Positions, in text order. */
    cursor c;
    cursor_init(&c, &doc->text);
    for (size_t i = 0; i < d->nplan; i++) {
        arc_ditem *it = &d->plan[i];
        size_t s = it->orig, e = it->end;
        cursor_at(&c, s, &it->orig, &it->line, &it->col);
        it->end = (uint32_t)(arc_text_orig(&doc->text, e) + doc->text.bom);
    }
    return 0;
}

/* ----------------------------------------------------------- digest */

/* Room for n elements of elem bytes at *at in a piece being laid out (or
 * only counted: base NULL), 16-byte aligned. */
static void *place(char *base, size_t *at, size_t n, size_t elem)
{
    void *p = base && n ? base + *at : NULL;
    *at += (n * elem + 15) & ~(size_t)15;
    return p;
}

/* Moves what d holds (in the scratch, the unit on the heap) into one
 * piece of a slab, sized exactly. */
static int seal(arc_digest *d, const arc_text *text, char *unit,
                arc_digest_scratch *sc)
{
    size_t ulen = strlen(unit) + 1, size = 0;
    for (int pass = 0; pass < 2; pass++) {
        char *base = NULL;
        if (pass) {
            if (!(base = arc_slab_alloc(&sc->pool, size, &d->slab)))
                return ARC_ENOMEM;
        }
        size_t at = 0;
        arc_fp *fp = place(base, &at, d->nfp, sizeof *fp);
        uint32_t *fph = place(base, &at, d->nfp, sizeof *fph);
        uint32_t *line = place(base, &at, d->nline, sizeof *line);
        arc_dyear *years = place(base, &at, d->nyears, sizeof *years);
        arc_ditem *plan = place(base, &at, d->nplan, sizeof *plan);
        arc_dpara *measures = place(base, &at, d->nmeasures, sizeof *measures);
        uint16_t *grams = place(base, &at, d->ngrams, sizeof *grams);
        char *texts = place(base, &at, d->nplan ? sc->texts.len : 0, 1);
        char *u = place(base, &at, ulen, 1);
        if (!pass) {
            size = at;
            continue;
        }
        if (d->nfp) {
            memcpy(fp, d->fp, d->nfp * sizeof *fp);
            memcpy(fph, d->fph, d->nfp * sizeof *fph);
        }
        for (size_t i = 0; i < d->nline; i++)
            line[i] = (uint32_t)(text->lines[i] + text->bom);
        if (d->nyears)
            memcpy(years, d->years, d->nyears * sizeof *years);
        if (d->nplan) {
            memcpy(plan, d->plan, d->nplan * sizeof *plan);
            memcpy(texts, sc->texts.data, sc->texts.len);
            for (size_t i = 0; i < d->nplan; i++)
                plan[i].text = texts + sc->text_at[i];
        }
        if (d->nmeasures)
            memcpy(measures, d->measures, d->nmeasures * sizeof *measures);
        if (d->ngrams)
            memcpy(grams, d->grams, d->ngrams * sizeof *grams);
        memcpy(u, unit, ulen);
        d->fp = fp;
        d->fph = fph;
        d->line = line;
        d->years = years;
        d->plan = plan;
        d->measures = measures;
        d->grams = grams;
        d->unit = u;
    }
    return 0;
}

int arc_digest_fill(arc_digest *d, const arc_ruleset *rs, unsigned need,
                    const arc_doc *doc, const char *unit, int year,
                    const arc_check_out *co, arc_matcher *m,
                    arc_digest_scratch *sc)
{
    const arc_corpus_params *p = &rs->corpus;
    if (!need)
        return 0;
    /* The unit's own name is one placeholder in its text: as written and
     * as stripped, the longer first. */
    char *names[2] = {unit_norm(NULL, unit, m), NULL};
    char *key = NULL;
    if (names[0])
        names[1] = unit_norm(p->unit_strip, names[0], m);
    if (names[1])
        key = unit_key(p, names[1], m);
    int rc = key ? 0 : ARC_ENOMEM;
    const char *mask[2];
    size_t nmask = 0;
    for (size_t i = 0; !rc && i < 2; i++) {
        size_t chars = 0;
        for (const char *s = names[i]; *s; s++)
            chars += ((unsigned char)*s & 0xC0) != 0x80;
        if (chars >= 2 && (!nmask || strcmp(mask[0], names[i]) != 0))
            mask[nmask++] = names[i];
    }
    if (!rc)
        rc = arc_kept_build(&sc->kept, doc->text.norm, 0, doc->text.norm_len,
                            mask, nmask);
    free(names[0]);
    free(names[1]);
    sc->texts.len = 0;
    d->kept = (uint32_t)sc->kept.n;
    if (!rc && (need & ARC_DIGEST_TEXT)) {
        rc = fill_fingerprints(d, p, doc, sc);
        if (!rc && year)
            rc = fill_years(d, p, doc, sc, year, m);
        d->nline = doc->text.nlines;
    }
    if (!rc && (need & ARC_DIGEST_PLAN))
        rc = fill_plan(d, rs, doc, co, sc);
    if (!rc)
        rc = seal(d, &doc->text, key, sc);
    free(key);
    if (rc) {
        /* Nothing of the scratch may stay behind in d. */
        uint64_t hash = d->text_hash;
        size_t len = d->text_len;
        int work_plan = d->work_plan;
        memset(d, 0, sizeof *d);
        d->text_hash = hash;
        d->text_len = len;
        d->work_plan = work_plan;
        return ARC_ENOMEM;
    }
    d->have = need;
    return 0;
}

void arc_digest_free(arc_digest *d)
{
    arc_slab_release(d->slab);
    memset(d, 0, sizeof *d);
}

int arc_digest_line(const arc_digest *d, uint32_t orig)
{
    size_t lo = 0, hi = d->nline;
    if (!hi)
        return 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->line[mid] <= orig)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo + 1;
}

size_t arc_digest_bytes(const arc_digest *d)
{
    size_t n = d->unit ? strlen(d->unit) + 1 : 0;
    n += d->nfp * (sizeof *d->fp + sizeof *d->fph) +
         d->nline * sizeof *d->line +
         d->nyears * sizeof *d->years + d->nplan * sizeof *d->plan +
         d->nmeasures * sizeof *d->measures + d->ngrams * sizeof *d->grams;
    for (size_t i = 0; i < d->nplan; i++)
        n += strlen(d->plan[i].text) + 1;
    return n;
}

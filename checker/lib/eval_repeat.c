/* repeat: the same paragraph twice in one document (a paste made twice).
 * Paragraphs are body lines of at least `min_chars` characters, compared
 * byte for byte after trimming spaces, on the normalised text (so full- and
 * half-width forms of one paste match).  Only lines matching `paragraph`
 * count when it is given: prose with a sentence end, not site chrome or
 * table rows that legitimately repeat.  A heading line counts too: a run-in
 * heading ("(一)…。body") pasted twice is a repeated paragraph. */
#include "eval_util.h"

#include "text.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    long min_chars;
    arc_regex *paragraph; /* a line must match to count, or NULL */
    long evidence_chars;  /* how much of the paragraph the evidence quotes */
} params;

static const char *const keys[] = {"min_chars", "paragraph", "evidence_chars",
                                   NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (ps)
        arc_regex_free(ps->paragraph);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    ps->min_chars = 40;
    ps->evidence_chars = 30;
    int rc = arc_node_int(cx, node, "min_chars", 0, 4, 100000, &ps->min_chars);
    if (!rc)
        rc = arc_node_int(cx, node, "evidence_chars", 0, 4, 1000,
                          &ps->evidence_chars);
    if (!rc)
        rc = arc_node_regex_key(cx, node, "paragraph", 0, &ps->paragraph);
    return rc;
}

/* Does t[s..e) hold at least `min` characters?  Decided by its length
 * alone when that can (a character is one to four bytes): prose lines are
 * long, and counting every candidate line cost as much as the rule. */
static int has_chars(const char *t, size_t s, size_t e, long min)
{
    size_t bytes = e - s;
    if (bytes < (size_t)min)
        return 0;
    if (bytes >= 4 * (size_t)min)
        return 1;
    return arc_utf8_count(t + s, bytes) >= (size_t)min;
}

/* Bytes hashed at each end of a line: equal lines hash equal, and lines
 * that differ only in their middle are told apart by the table's byte
 * comparison (rare: hashing whole lines was a third of the rule's cost). */
#define HASH_ENDS 32

/* A 64-bit hash of the length and the first and last HASH_ENDS bytes of
 * t[s..e), eight bytes a step. */
static uint64_t hash(const char *t, size_t s, size_t e)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)(e - s);
    if (e - s > 2 * HASH_ENDS) {
        h = hash(t, s, s + HASH_ENDS) ^ (h * 0xFF51AFD7ED558CCDu);
        s = e - HASH_ENDS;
    }
    for (; e - s >= 8; s += 8) {
        uint64_t w;
        memcpy(&w, t + s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, t + s, e - s);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
    return h ^ (h >> 29);
}

enum { PARA_UNKNOWN, PARA_YES, PARA_NO };

typedef struct {
    uint64_t h;
    size_t s, e; /* the first occurrence's trimmed span; e == 0: empty */
    int line;    /* its 1-based line once a copy was reported, else 0 */
    int para;    /* does the text match `paragraph` (asked on a copy) */
} slot;

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_doc *doc = ctx->doc;
    const char *t = doc->text.norm;
    size_t cap = 16;
    while (cap < 2 * doc->nlines)
        cap *= 2;
    slot *tab = NULL;
    int rc = 0;
    for (size_t li = 0; !rc && li < doc->nlines; li++) {
        const arc_line *ln = &doc->lines[li];
        size_t ms, me, s = arc_trim_start(t, ln->start, ln->end);
        size_t e = arc_trim_end(t, s, ln->end);
        if (!has_chars(t, s, e, ps->min_chars))
            continue;
        if (!tab && !(tab = calloc(cap, sizeof *tab)))
            return arc_err_nomem(ctx->err);
        uint64_t h = hash(t, s, e);
        size_t i = (size_t)h & (cap - 1);
        while (tab[i].e &&
               (tab[i].h != h || tab[i].e - tab[i].s != e - s ||
                memcmp(t + tab[i].s, t + s, e - s) != 0))
            i = (i + 1) & (cap - 1);
        if (!tab[i].e) {
            tab[i] = (slot){h, s, e, 0, PARA_UNKNOWN};
            continue;
        }
        /* Whether the text is prose is asked of copies only (most lines
         * have none), once per text: the copies are the same bytes. */
        if (tab[i].para == PARA_UNKNOWN)
            tab[i].para = !ps->paragraph ||
                                  arc_eval_search(ctx, ps->paragraph, s, e,
                                                  &ms, &me)
                              ? PARA_YES
                              : PARA_NO;
        if (tab[i].para == PARA_NO)
            continue;
        /* Padding pasted many times: the first copy's line is found once. */
        if (!tab[i].line) {
            int col;
            size_t off;
            arc_text_position(&doc->text, tab[i].s, &tab[i].line, &col, &off);
        }
        char first[16];
        snprintf(first, sizeof first, "%d", tab[i].line);
        arc_var v[] = {{"first_line", first}};
        size_t ev = arc_chars_fwd(t, e, s, ps->evidence_chars);
        rc = arc_emit(ctx, r, -1, s, ev, v, 1);
    }
    free(tab);
    return rc;
}

const arc_kind arc_kind_repeat = {
    .name = "repeat",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

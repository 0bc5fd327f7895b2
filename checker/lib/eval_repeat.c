/* repeat: the same paragraph twice in one document (a paste made twice).
 * Paragraphs are body lines of at least `min_chars` characters, compared
 * byte for byte after trimming spaces, on the normalised text (so full- and
 * half-width forms of one paste match).  Only lines matching `paragraph`
 * count when it is given: prose with a sentence end, not site chrome or
 * table rows that legitimately repeat.  A heading line counts too: a run-in
 * heading ("(一)…。body") pasted twice is a repeated paragraph. */
#include "eval_util.h"

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

/* Characters (UTF-8 lead bytes) in t[s..e), counting stops at `enough`. */
static long chars_in(const char *t, size_t s, size_t e, long enough)
{
    long n = 0;
    for (; s < e && n < enough; s++)
        n += ((unsigned char)t[s] & 0xC0) != 0x80;
    return n;
}

static uint64_t hash(const char *t, size_t s, size_t e)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; s < e; s++)
        h = (h ^ (unsigned char)t[s]) * 1099511628211u;
    return h;
}

typedef struct {
    uint64_t h;
    size_t s, e; /* the first occurrence's trimmed span; e == 0: empty */
    int line;    /* its 1-based line once a copy was reported, else 0 */
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
        if (chars_in(t, s, e, ps->min_chars) < ps->min_chars)
            continue;
        if (ps->paragraph &&
            !arc_eval_search(ctx, ps->paragraph, s, e, &ms, &me))
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
            tab[i] = (slot){h, s, e, 0};
            continue;
        }
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

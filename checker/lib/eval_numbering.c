/* numbering: siblings of one style under one parent must count 1, 2, 3 …
 * (check: gap) without repeating a number (check: duplicate). */
#include "eval_util.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int duplicate; /* 1: report repeats, 0: report gaps */
} params;

static const char *const keys[] = {"check", NULL};

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    static const char *const checks[] = {"gap", "duplicate", NULL};
    params *ps;
    int rc = arc_params_new(r, sizeof *ps, cx, (void **)&ps);
    if (!rc)
        rc = arc_node_choice(cx, node, "check", checks, &ps->duplicate);
    return rc;
}

/* The canonical label of `number` in `style`, e.g. 三、 (三) 3. (3) 三是. */
static void render(arc_numbering style, int number, char *out, size_t size)
{
    char cn[16];
    arc_cn_small_render(number, cn);
    switch (style) {
    case ARC_NUM_CN_DUN:
        snprintf(out, size, "%s、", cn);
        break;
    case ARC_NUM_CN_PAREN:
        snprintf(out, size, "(%s)", cn);
        break;
    case ARC_NUM_ARABIC:
        snprintf(out, size, "%d.", number);
        break;
    case ARC_NUM_ARABIC_PAREN:
        snprintf(out, size, "(%d)", number);
        break;
    default:
        snprintf(out, size, "%s是", cn);
        break;
    }
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_doc *doc = ctx->doc;
    for (size_t i = 0; i < doc->nsections; i++) {
        const arc_section *s = &doc->sections[i];
        if (s->style == ARC_NUM_NONE) /* unnumbered: nothing to count */
            continue;
        /* The previous sibling of the same style, if any. */
        const arc_section *prev = NULL;
        for (size_t j = i; j-- > 0;) {
            const arc_section *p = &doc->sections[j];
            if (p->parent == s->parent && p->style == s->style) {
                prev = p;
                break;
            }
            if ((int)j == s->parent)
                break;
        }
        int expected = prev ? prev->number + 1 : 1;
        int dup = prev && s->number == prev->number;
        /* A first item may continue the numbering of the items under the
         * previous heading (一、 1. 2. 二、 3.: tasks of a work plan are
         * often numbered through). */
        if (!prev && s->parent >= 0 && s->number > 1)
            for (size_t j = i; j-- > 0;) {
                const arc_section *p = &doc->sections[j];
                if (p->style == s->style && p->level == s->level) {
                    if (s->number == p->number + 1)
                        expected = s->number;
                    break;
                }
            }
        /* 1 after a paragraph starts a new list (从主观上看：一是… then
         * 从客观上看：一是…), not a gap. */
        if (s->number == expected || (prev && s->number == 1 && !dup) ||
            dup != ps->duplicate)
            continue;
        char want[32], found[32];
        render(s->style, expected, want, sizeof want);
        render(s->style, s->number, found, sizeof found);
        arc_var v[] = {{"expected", want}, {"found", found}};
        size_t le = doc->lines[arc_doc_line_at(doc, s->line_start)].end;
        int rc = arc_emit(ctx, r, -1, s->label_start, le, v, 2);
        if (rc)
            return rc;
    }
    return 0;
}

const arc_kind arc_kind_numbering = {
    .name = "numbering",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free,
};

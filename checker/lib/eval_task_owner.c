/* task_owner: every task of a work plan names who is responsible for it.
 * A task is a leaf of the section tree (no numbered items below it; 一是
 * items are points within a task, not tasks) under a numbered heading; a
 * plan with one level of numbering has its top-level items as tasks.
 * Sections whose heading or an ancestor's matches `not_tasks` (总体要求,
 * 保障措施 …) hold no tasks.  The owner is the first match of an `owner`
 * pattern inside the task (group `units`: the named bodies); the units are
 * split at 、 , ; and each is checked against `placeholder`.  A match of
 * `plan_wide` before the first heading names one owner for the whole plan:
 * tasks without their own are then not reported.  All wording is in the
 * patterns (rules/work-plan.yaml). */
#include "eval_util.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_regexes owner;
    arc_regex *plan_wide;
    arc_regex *not_tasks;
    arc_regex *placeholder;
    int *units_group; /* per owner pattern: index of group `units` */
    char *message_empty;
    char *message_placeholder;
} params;

static const char *const keys[] = {"owner",       "plan_wide",
                                   "not_tasks",   "placeholder",
                                   "message_empty", "message_placeholder",
                                   NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    arc_regexes_free(&ps->owner);
    arc_regex_free(ps->plan_wide);
    arc_regex_free(ps->not_tasks);
    arc_regex_free(ps->placeholder);
    free(ps->units_group);
    free(ps->message_empty);
    free(ps->message_placeholder);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)rs;
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    int rc = arc_regexes_load(&ps->owner, cx, node, "owner", 1);
    if (!rc)
        rc = arc_node_regex_key(cx, node, "plan_wide", 0, &ps->plan_wide);
    if (!rc)
        rc = arc_node_regex_key(cx, node, "not_tasks", 0, &ps->not_tasks);
    if (!rc)
        rc = arc_node_regex_key(cx, node, "placeholder", 0, &ps->placeholder);
    if (!rc)
        rc = arc_node_str(cx, node, "message_empty", 1, &ps->message_empty);
    if (!rc && ps->placeholder)
        rc = arc_node_str(cx, node, "message_placeholder", 1,
                          &ps->message_placeholder);
    if (!rc && !(ps->units_group = calloc(ps->owner.n, sizeof(int))))
        rc = arc_err_nomem(cx->err);
    for (size_t i = 0; !rc && i < ps->owner.n; i++) {
        ps->units_group[i] = arc_regex_group(ps->owner.v[i], "units");
        if (ps->units_group[i] < 0)
            rc = arc_node_fail(cx, arc_node_item(arc_node_get(node, "owner"),
                                                 i),
                               "owner 的每个模式都需要命名组 units"
                               "（写明的单位）");
    }
    return rc;
}

/* Is section i a task: a leaf (only 一是 points below it), deep enough,
 * and not under a heading that holds no tasks? */
static int is_task(arc_eval *ctx, const params *ps, size_t i, int min_level)
{
    const arc_doc *doc = ctx->doc;
    const arc_section *s = &doc->sections[i];
    if (s->style == ARC_NUM_CN_SHI || s->level < min_level)
        return 0;
    if (i + 1 < doc->nsections && doc->sections[i + 1].parent == (int)i &&
        doc->sections[i + 1].style != ARC_NUM_CN_SHI)
        return 0;
    size_t ms, me;
    for (int k = (int)i; ps->not_tasks && k >= 0; k = doc->sections[k].parent)
        if (arc_eval_search(ctx, ps->not_tasks, doc->sections[k].title_start,
                            doc->sections[k].title_end, &ms, &me))
            return 0;
    return 1;
}

/* Does [a, b) hold a letter, digit or CJK character (not only
 * punctuation and spaces)? */
static int has_word(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
            (c >= 'a' && c <= 'z'))
            return 1;
        if (c >= 0xE0) { /* a 3-byte sequence: CJK punctuation or a word */
            uint32_t cp;
            size_t k = arc_utf8_decode(t + i, b - i, &cp);
            if (k && !(cp >= 0x3000 && cp <= 0x303F) &&
                !(cp >= 0xFF00 && cp <= 0xFF20) && cp != 0x2026 &&
                !(cp >= 0x2014 && cp <= 0x201F))
                return 1;
            i += k ? k - 1 : 0;
        }
    }
    return 0;
}

/* A unit separator: 、 , ; ， ；(the text is normalised: , and ; are ASCII). */
static size_t separator(const char *t, size_t i, size_t end)
{
    if (t[i] == ',' || t[i] == ';')
        return 1;
    if (i + 3 <= end && memcmp(t + i, "\xE3\x80\x81", 3) == 0) /* 、 */
        return 3;
    return 0;
}

/* The units [a, b) of an owner: empty, or a placeholder in one of them. */
static int check_units(const arc_rule *r, arc_eval *ctx, const params *ps,
                       size_t a, size_t b, size_t at, size_t at_end)
{
    const char *t = ctx->doc->text.norm;
    if (!has_word(t, a, b))
        return arc_emit_as(ctx, r, r->severity, ps->message_empty, -1, at,
                           at_end, NULL, 0);
    if (!ps->placeholder)
        return 0;
    for (size_t u = a; u < b;) {
        size_t e = u, k = 0;
        while (e < b && !(k = separator(t, e, b)))
            e++;
        size_t ms, me;
        if (e > u && arc_eval_search(ctx, ps->placeholder, u, e, &ms, &me)) {
            arc_var v[] = {{"units", ""}};
            char *units = arc_strndup(t + u, e - u);
            if (!units)
                return arc_err_nomem(ctx->err);
            v[0].value = units;
            int rc = arc_emit_as(ctx, r, r->severity, ps->message_placeholder,
                                 -1, u, e, v, 1);
            free(units);
            return rc;
        }
        u = e + k;
    }
    return 0;
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_doc *doc = ctx->doc;
    if (!doc->nsections)
        return 0;
    size_t ms, me;
    int plan_wide = ps->plan_wide &&
                    arc_eval_search(ctx, ps->plan_wide, 0,
                                    doc->sections[0].line_start, &ms, &me);
    int min_level = 1;
    for (size_t i = 0; i < doc->nsections; i++)
        if (doc->sections[i].level >= 2 &&
            doc->sections[i].style != ARC_NUM_CN_SHI)
            min_level = 2;
    for (size_t i = 0; i < doc->nsections; i++) {
        if (!is_task(ctx, ps, i, min_level))
            continue;
        const arc_section *s = &doc->sections[i];
        size_t best = (size_t)-1, best_end = 0, ua = 0, ub = 0;
        for (size_t p = 0; p < ps->owner.n; p++) {
            arc_regex *re = ps->owner.v[p];
            if (!arc_eval_search(ctx, re, s->line_start, s->end, &ms, &me) ||
                ms >= best)
                continue;
            best = ms;
            best_end = me;
            if (!arc_matcher_group(ctx->m, ps->units_group[p], &ua, &ub))
                ua = ub = me;
        }
        int rc;
        if (best != (size_t)-1) {
            rc = check_units(r, ctx, ps, ua, ub, best, best_end);
        } else if (plan_wide) {
            rc = 0;
        } else {
            /* At the task's label and heading text (a task written as one
             * paragraph is quoted up to its first 。). */
            size_t e = s->title_end > s->label_start ? s->title_end
                                                     : s->label_end;
            rc = arc_emit(ctx, r, -1, s->label_start, e, NULL, 0);
        }
        if (rc)
            return rc;
    }
    return 0;
}

const arc_kind arc_kind_task_owner = {
    .name = "task_owner",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

/* year: the report year N must agree across the title, the opening sentence
 * and the headings of the required parts (each part has an offset: 0 for the
 * year reported on, 1 for next year's plan).  Sentence-opening years older
 * than N inside the parts are reported at body_severity: the common defect
 * of last year's report copied and not updated.  `allow` patterns, anchored
 * at a year, keep legitimate mentions (N年以来, plan periods) quiet. */
#include "eval_util.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int *part;
    int *offset;
    size_t n;
    arc_regexes allow;
    char *message_opening;
    char *message_title;
    char *message_body;
    arc_severity body_severity;
    int body;
} params;

static const char *const keys[] = {"parts",         "allow",
                                   "message_opening", "message_title",
                                   "message_body",  "body_severity", NULL};

static void free_params(void *p)
{
    params *ps = p;
    if (!ps)
        return;
    free(ps->part);
    free(ps->offset);
    arc_regexes_free(&ps->allow);
    free(ps->message_opening);
    free(ps->message_title);
    free(ps->message_body);
    free(ps);
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    params *ps;
    if (arc_params_new(r, sizeof *ps, cx, (void **)&ps))
        return ARC_ENOMEM;
    const arc_node *parts = arc_node_get(node, "parts");
    if (!parts || parts->type != ARC_NODE_MAP || parts->n == 0)
        return arc_node_fail(cx, parts ? parts : node,
                             "parts 应为映射：部分 id: 相对报告年度的偏移");
    ps->part = calloc(parts->n, sizeof *ps->part);
    ps->offset = calloc(parts->n, sizeof *ps->offset);
    if (!ps->part || !ps->offset)
        return arc_err_nomem(cx->err);
    for (size_t i = 0; i < parts->n; i++) {
        long off = 0;
        ps->part[i] = arc_ruleset_part(rs, parts->keys[i]->value);
        if (ps->part[i] < 0)
            return arc_node_fail(cx, parts->keys[i],
                                 "“%s”不是 parts 中定义的部分",
                                 parts->keys[i]->value);
        int rc = arc_node_int(cx, parts, parts->keys[i]->value, 1, -5, 5, &off);
        if (rc)
            return rc;
        ps->offset[i] = (int)off;
        ps->n = i + 1;
    }
    int rc = arc_regexes_load(&ps->allow, cx, node, "allow", 0);
    if (!rc)
        rc = arc_node_str(cx, node, "message_opening", 1, &ps->message_opening);
    if (!rc)
        rc = arc_node_str(cx, node, "message_title", 0, &ps->message_title);
    if (!rc)
        rc = arc_node_str(cx, node, "message_body", 0, &ps->message_body);
    if (rc)
        return rc;
    ps->body = ps->message_body != NULL;
    ps->body_severity = ARC_SEV_WARNING;
    char *sev = NULL;
    if ((rc = arc_node_str(cx, node, "body_severity", 0, &sev)) || !sev)
        return rc;
    int s = arc_severity_parse(sev);
    free(sev);
    if (s < 0)
        return arc_node_fail(cx, arc_node_get(node, "body_severity"),
                             "body_severity 应为 error、warning 或 info");
    ps->body_severity = (arc_severity)s;
    return 0;
}

/* A four-digit year followed by 年 at t[i], not glued to other digits and not
 * one end of a range (2021—2025年). */
static int year_at(const char *t, size_t len, size_t i, int *y)
{
    /* Most places asked hold no digit: decided before decoding what
     * stands before them. */
    if (t[i] < '0' || t[i] > '9')
        return 0;
    uint32_t prev = arc_utf8_before(t, i);
    /* A range's first year has no 年 of its own (2021—2025年), and the
     * dash-lost 20212025年 is glued to digits: neither is matched. */
    if ((prev >= '0' && prev <= '9') || i + 7 > len ||
        memcmp(t + i + 4, "\xE5\xB9\xB4", 3) != 0)
        return 0;
    int v = 0;
    for (size_t k = 0; k < 4; k++) {
        if (t[i + k] < '0' || t[i + k] > '9')
            return 0;
        v = v * 10 + (t[i + k] - '0');
    }
    /* The end year of a range: a dash just before. */
    if (prev == '-' || prev == '~' || prev == 0x2014 || prev == 0x2013 ||
        prev == 0x81F3 || prev == 0x5230)
        return 0;
    *y = v;
    return v >= 1990 && v < 2200;
}

static int emit_year(arc_eval *ctx, const arc_rule *r, arc_severity sev,
                     const char *msg, int part, size_t at, int found,
                     int expected)
{
    char f[16], e[16];
    snprintf(f, sizeof f, "%d", found);
    snprintf(e, sizeof e, "%d", expected);
    arc_var v[] = {{"found", f}, {"expected", e}};
    return arc_emit_as(ctx, r, sev, msg, part, at, at + 7, v, 2); /* N年 */
}

static int sentence_start(const char *t, size_t i)
{
    uint32_t p = arc_utf8_before(t, i);
    while (p == ' ' || p == '\t') {
        i--;
        p = arc_utf8_before(t, i);
    }
    return p == 0 || p == '\n' || p == 0x3002 /* 。 */ || p == ';' ||
           p == '!' || p == '?' || p == ':';
}

static int eval(const arc_rule *r, arc_eval *ctx)
{
    const params *ps = r->params;
    const arc_doc *doc = ctx->doc;
    const char *t = doc->text.norm;
    size_t len = doc->text.norm_len;
    const arc_facts *fa = ctx->facts;
    int n = fa->year, y, rc;
    if (!n)
        return 0;
    /* N is the year most places support (facts.c): the title, the
     * opening and the 现将N年…报告如下 sentence that say otherwise are the
     * odd ones. */
    const arc_year_at *odd[] = {&fa->title_year, &fa->opening_year,
                                &fa->reported_year};
    const char *msg[] = {ps->message_title, ps->message_opening,
                         ps->message_opening};
    for (size_t k = 0; k < ARC_ARRAY_LEN(odd); k++) {
        const arc_year_at *ya = odd[k];
        if (!ya->year || ya->year == n || !msg[k] ||
            (k == 2 && fa->opening_year.year &&
             fa->opening_year.at == ya->at))
            continue;
        if (ya->at == ARC_NOWHERE) {
            char f[16], e[16];
            snprintf(f, sizeof f, "%d", ya->year);
            snprintf(e, sizeof e, "%d", n);
            arc_var v[] = {{"found", f}, {"expected", e}};
            if ((rc = arc_emit_as(ctx, r, r->severity, msg[k], -1,
                                  ARC_WHOLE_DOC, ARC_WHOLE_DOC, v, 2)))
                return rc;
            continue;
        }
        if (arc_regexes_match_at(&ps->allow, ctx, ya->at, len))
            continue;
        if ((rc = emit_year(ctx, r, r->severity, msg[k], -1, ya->at,
                            ya->year, n)))
            return rc;
    }

    for (size_t i = 0; i < ps->n; i++) {
        const arc_part_hit *h = &ctx->parts[ps->part[i]];
        if (h->status != ARC_PART_HEADING)
            continue;
        const arc_section *s = &doc->sections[h->section];
        int want = n + ps->offset[i];
        for (size_t p = s->title_start; p + 4 <= s->title_end; p++) {
            if (!year_at(t, len, p, &y) || y == want ||
                arc_regexes_match_at(&ps->allow, ctx, p, len))
                continue;
            if ((rc = emit_year(ctx, r, r->severity, r->message, ps->part[i],
                                p, y, want)))
                return rc;
        }
        if (!ps->body)
            continue;
        /* Sentences inside the part that open with an older year. */
        size_t from = s->inline_body ? s->body_start : s->title_end;
        for (size_t p = from; p + 4 <= h->end; p++) {
            /* The text is NUL-terminated: strpbrk finds digits fast. */
            const char *d = strpbrk(t + p, "0123456789");
            if (!d || (size_t)(d - t) + 4 > h->end)
                break;
            p = (size_t)(d - t);
            /* The loop goes on after this run of digits: a year never
             * starts inside one (year_at wants no digit before it). */
            size_t run = p + 1;
            while (run < h->end && t[run] >= '0' && t[run] <= '9')
                run++;
            size_t at = p;
            p = run - 1;
            if (!sentence_start(t, at) ||
                !year_at(t, len, at, &y) || y >= n ||
                arc_regexes_match_at(&ps->allow, ctx, at, len))
                continue;
            /* Only the framing "Y年," / "Y年度," of a sentence. */
            size_t q = at + 7;
            if (q + 3 <= len && memcmp(t + q, "\xE5\xBA\xA6", 3) == 0)
                q += 3; /* 度 */
            if (q >= len || t[q] != ',')
                continue;
            if ((rc = emit_year(ctx, r, ps->body_severity, ps->message_body,
                                ps->part[i], at, y, n)))
                return rc;
        }
    }
    return 0;
}

const arc_kind arc_kind_year = {
    .name = "year",
    .keys = keys,
    .parse = parse,
    .eval = eval,
    .free = free_params,
};

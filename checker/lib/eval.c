/* eval.c - runs a rule set on a document: resolves the required parts once,
 * then calls each rule kind; arc_emit turns spans into findings. */
#include "eval.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARC_EVIDENCE_CHARS 80

int arc_eval_regex(arc_eval *ctx, const arc_regex *re, const char *subject,
                   size_t len, size_t start, int anchored, size_t at,
                   size_t *ms, size_t *me)
{
    /* A pattern that made PCRE2 give up would most likely do so again at
     * every later place, each time costing the whole match limit. */
    if (ctx->failed.rc && ctx->failed.re == re)
        return 0;
    int rc = arc_regex_search(re, ctx->m, subject, len, start, anchored, ms,
                              me);
    /* Out of time: every search says "no match" from now on, the rules
     * finish quickly and the caller refuses the file (arc_eval_doc). */
    if (rc == ARC_REGEX_ETIME)
        return 0;
    if (rc < 0 && !ctx->failed.rc) {
        ctx->failed.rc = rc;
        ctx->failed.re = re;
        ctx->failed.at = at;
        if (rc == ARC_ENOMEM)
            snprintf(ctx->failed.reason, sizeof ctx->failed.reason, "%s",
                     "内存不足");
        else
            arc_matcher_error(ctx->m, ctx->failed.reason,
                              sizeof ctx->failed.reason);
    }
    return rc > 0;
}

int arc_eval_search(arc_eval *ctx, const arc_regex *re, size_t start,
                    size_t end, size_t *ms, size_t *me)
{
    if (start >= end)
        return 0;
    return arc_eval_regex(ctx, re, ctx->doc->text.norm, end, start, 0, start,
                          ms, me);
}

struct arc_date_list {
    arc_date *v;
    size_t n, cap;
};

int arc_eval_dates(arc_eval *ctx, const arc_date **out, size_t *n)
{
    if (!ctx->dates) {
        struct arc_date_list *l = calloc(1, sizeof *l);
        if (!l)
            return arc_err_nomem(ctx->err);
        ctx->dates = l;
        const char *t = ctx->doc->text.norm;
        size_t len = ctx->doc->text.norm_len;
        arc_date d;
        arc_date_scanner sc;
        arc_date_scan_init(&sc, 0);
        while (arc_date_scan(&sc, t, len, 0, &d)) {
            if (arc_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
                return arc_err_nomem(ctx->err);
            l->v[l->n++] = d;
        }
        arc_matcher_work(ctx->m)->scanned += sc.scanned;
    }
    *out = ctx->dates->v;
    *n = ctx->dates->n;
    return 0;
}

size_t arc_next_char(const arc_eval *ctx, size_t off)
{
    const char *t = ctx->doc->text.norm;
    size_t n = ctx->doc->text.norm_len;
    if (off >= n)
        return n;
    off++;
    while (off < n && ((unsigned char)t[off] & 0xC0) == 0x80)
        off++;
    return off;
}

/* Does the heading contain a match of every group g[0..n)? */
static int all_groups(arc_eval *ctx, arc_regex *const *g, size_t n,
                      const arc_section *s)
{
    size_t ms, me;
    for (size_t i = 0; i < n; i++)
        if (!arc_eval_search(ctx, g[i], s->title_start, s->title_end, &ms,
                             &me))
            return 0;
    return n > 0;
}

/* A heading belongs to a part when it says what the part is about in one
 * of the part's ways (heading, or a heading_or alternative: a plan word,
 * or a time and a kind of work together) and no exclude word says it is
 * about something else. */
static int heading_matches(arc_eval *ctx, const arc_part_def *p,
                           const arc_section *s)
{
    int any = all_groups(ctx, p->heading, p->nheading, s);
    for (size_t a = 0; !any && a < p->nalts; a++)
        any = all_groups(ctx, p->alt[a], p->nalt[a], s);
    size_t ms, me;
    return any && !(p->exclude && arc_eval_search(ctx, p->exclude,
                                                  s->title_start,
                                                  s->title_end, &ms, &me));
}

static void hit_heading(arc_part_hit *h, const arc_doc *doc, size_t si)
{
    const arc_section *s = &doc->sections[si];
    h->status = ARC_PART_HEADING;
    h->section = (int)si;
    h->start = s->line_start;
    h->end = s->end;
    h->at = s->label_start;
    h->at_end = doc->lines[arc_doc_line_at(doc, s->line_start)].end;
}

/* Headings are searched level by level so that a part is found at the
 * shallowest level it has a heading. */
static void resolve_headings(arc_eval *ctx, int level)
{
    const arc_doc *doc = ctx->doc;
    const arc_ruleset *rs = ctx->rs;
    for (size_t si = 0; si < doc->nsections; si++) {
        if (doc->sections[si].level != level)
            continue;
        for (size_t p = 0; p < rs->nparts; p++)
            if (ctx->parts[p].status == ARC_PART_MISSING &&
                heading_matches(ctx, &rs->parts[p], &doc->sections[si]))
                hit_heading(&ctx->parts[p], doc, si);
    }
}

static int claimed(const arc_eval *ctx, size_t si)
{
    for (size_t p = 0; p < ctx->rs->nparts; p++)
        if (ctx->parts[p].section == (int)si)
            return 1;
    return 0;
}

/* Thematic part: the first run of top-level headings no other part claims
 * (reports often title their measures by theme only). */
static void resolve_thematic(arc_eval *ctx)
{
    const arc_doc *doc = ctx->doc;
    for (size_t p = 0; p < ctx->rs->nparts; p++) {
        arc_part_hit *h = &ctx->parts[p];
        if (!ctx->rs->parts[p].thematic || h->status != ARC_PART_MISSING)
            continue;
        for (size_t si = 0; si < doc->nsections; si++) {
            const arc_section *s = &doc->sections[si];
            if (s->level != 1)
                continue;
            if (claimed(ctx, si)) {
                if (h->status == ARC_PART_HEADING)
                    break;
                continue;
            }
            if (h->status == ARC_PART_MISSING)
                hit_heading(h, doc, si);
            else
                h->end = s->end;
        }
    }
}

static void resolve_prose(arc_eval *ctx)
{
    const arc_doc *doc = ctx->doc;
    /* The opening paragraph introduces the report; parts are looked for
     * from the first heading on (or after the title when there is none). */
    size_t from = doc->nsections ? doc->sections[0].line_start
                                 : ctx->facts->body_start;
    for (size_t p = 0; p < ctx->rs->nparts; p++) {
        arc_part_hit *h = &ctx->parts[p];
        const arc_part_def *d = &ctx->rs->parts[p];
        if (h->status != ARC_PART_MISSING)
            continue;
        size_t best = (size_t)-1, best_end = 0;
        for (size_t k = 0; k < d->nprose; k++) {
            size_t ms, me;
            if (arc_eval_search(ctx, d->prose[k], from, doc->text.norm_len,
                                &ms, &me) &&
                ms < best)
                best = ms, best_end = me;
        }
        if (best == (size_t)-1)
            continue;
        const arc_line *ln = &doc->lines[arc_doc_line_at(doc, best)];
        h->status = ARC_PART_PROSE;
        h->start = ln->start;
        h->end = ln->end;
        h->at = best;
        h->at_end = best_end > ln->end ? best_end : ln->end;
    }
}

int arc_resolve_parts(arc_eval *ctx)
{
    size_t n = ctx->rs->nparts;
    ctx->parts = calloc(n ? n : 1, sizeof *ctx->parts);
    if (!ctx->parts)
        return arc_err_nomem(ctx->err);
    for (size_t p = 0; p < n; p++)
        ctx->parts[p].section = -1;
    int maxlevel = 0;
    for (size_t si = 0; si < ctx->doc->nsections; si++)
        if (ctx->doc->sections[si].level > maxlevel)
            maxlevel = ctx->doc->sections[si].level;
    if (maxlevel >= 1)
        resolve_headings(ctx, 1);
    resolve_thematic(ctx);
    for (int level = 2; level <= maxlevel; level++)
        resolve_headings(ctx, level);
    resolve_prose(ctx);
    return 0;
}

static const char *var_value(const arc_var *vars, size_t nvars,
                             const char *key, size_t klen)
{
    for (size_t i = 0; i < nvars; i++)
        if (strlen(vars[i].key) == klen && memcmp(vars[i].key, key, klen) == 0)
            return vars[i].value;
    return NULL;
}

int arc_expand(arc_buf *b, const char *tpl, const arc_var *vars,
               size_t nvars)
{
    const char *p = tpl;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            return arc_buf_puts(b, p);
        }
        const char *v = var_value(vars, nvars, open + 1,
                                  (size_t)(close - open - 1));
        if (arc_buf_append(b, p, (size_t)(open - p)))
            return ARC_ENOMEM;
        if (v ? arc_buf_puts(b, v)
              : arc_buf_append(b, open, (size_t)(close - open + 1)))
            return ARC_ENOMEM;
        p = close + 1;
    }
    return 0;
}

/* Is orig[i] the start of trailing blank that evidence drops (a space, CR
 * or U+3000)?  Returns its length, 0 otherwise. */
static size_t trailing_blank(const arc_text *t, size_t i, size_t e)
{
    if (t->orig[i] == ' ' || t->orig[i] == '\r')
        return 1;
    return e - i >= 3 && memcmp(t->orig + i, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

/* The original text of [start, end), cut at the line end, spaces trimmed,
 * at most ARC_EVIDENCE_CHARS characters.  Only those characters and the
 * blank after them are looked at, however long the span (a finding may
 * cover a line that is the whole file); adds the bytes looked at to *work. */
static char *evidence(const arc_doc *doc, size_t start, size_t end,
                      size_t *work)
{
    const arc_text *t = &doc->text;
    size_t os = arc_text_orig(t, start), oe = arc_text_orig(t, end);
    size_t from = os;
    for (;;) {
        if (os < oe && (t->orig[os] == ' ' || t->orig[os] == '\t'))
            os++;
        else if (oe - os >= 3 && memcmp(t->orig + os, "\xE3\x80\x80", 3) == 0)
            os += 3; /* U+3000 indents carry no evidence */
        else
            break;
    }
    size_t cut = os + arc_utf8_prefix(t->orig + os, oe - os,
                                      ARC_EVIDENCE_CHARS);
    const char *nl = memchr(t->orig + os, '\n', cut - os);
    if (nl) {
        oe = (size_t)(nl - t->orig);
    } else if (cut < oe) {
        /* More than enough characters: the quote is those, unless all
         * that follows them up to the line or span end is blank, whose
         * trimming may reach back into them. */
        size_t i = cut, k;
        while (i < oe && t->orig[i] != '\n' && (k = trailing_blank(t, i, oe)))
            i += k;
        *work += i - from;
        if (i < oe && t->orig[i] != '\n')
            return arc_strndup(t->orig + os, cut - os);
        oe = i; /* only blank up to the end: trimmed as usual */
    }
    *work += oe - from;
    while (oe > os && (t->orig[oe - 1] == '\r' || t->orig[oe - 1] == ' '))
        oe--;
    while (oe - os >= 3 && memcmp(t->orig + oe - 3, "\xE3\x80\x80", 3) == 0)
        oe -= 3;
    size_t k = arc_utf8_prefix(t->orig + os, oe - os, ARC_EVIDENCE_CHARS);
    return arc_strndup(t->orig + os, k);
}

int arc_emit(arc_eval *ctx, const arc_rule *r, int part, size_t start,
             size_t end, const arc_var *vars, size_t nvars)
{
    return arc_emit_as(ctx, r, r->severity, r->message, part, start, end, vars,
                       nvars);
}

int arc_emit_as(arc_eval *ctx, const arc_rule *r, arc_severity sev,
                const char *message, int part, size_t start, size_t end,
                const arc_var *vars, size_t nvars)
{
    const arc_doc *doc = ctx->doc;
    arc_finding f = {0};
    f.path = doc->path;
    f.severity = sev;
    f.rule = r->id;
    f.section = part >= 0 ? ctx->rs->parts[part].id : "";
    char *ev = NULL;
    if (start != ARC_WHOLE_DOC) {
        arc_work *w = arc_matcher_work(ctx->m);
        arc_text_locate(&doc->text, start, &f.line, &f.column, &f.offset,
                        &w->counted);
        f.page = (int)arc_doc_page(doc, (size_t)(f.line - 1));
        f.end_offset = arc_text_orig(&doc->text, end) + doc->text.bom;
        if (!(ev = evidence(doc, start, end, &w->counted)))
            return arc_err_nomem(ctx->err);
    }
    f.evidence = ev ? ev : "";

    char year[16] = "", next[16] = "";
    const arc_facts *facts = ctx->facts;
    if (facts->year) {
        snprintf(year, sizeof year, "%d", facts->year);
        snprintf(next, sizeof next, "%d", facts->year + 1);
    }
    arc_var all[20];
    size_t n = 0;
    all[n++] = (arc_var){"year", year};
    all[n++] = (arc_var){"next_year", next};
    all[n++] = (arc_var){"part", part >= 0 ? ctx->rs->parts[part].name : ""};
    all[n++] = (arc_var){"evidence", f.evidence};
    all[n++] = (arc_var){"title", facts->title};
    for (size_t i = 0; i < nvars && n < ARC_ARRAY_LEN(all); i++)
        all[n++] = vars[i];
    arc_buf msg = {0};
    int rc = arc_expand(&msg, message, all, n);
    if (!rc) {
        f.message = msg.data ? msg.data : "";
        rc = arc_findings_add(ctx->out, &f);
    }
    arc_buf_free(&msg);
    free(ev);
    return rc ? arc_err_nomem(ctx->err) : 0;
}

const char *arc_part_status_name(arc_part_status st)
{
    return st == ARC_PART_HEADING ? "heading"
           : st == ARC_PART_PROSE ? "prose"
                                  : "missing";
}

/* Reports the search that PCRE2 gave up on while rule r (NULL: the part
 * patterns) ran, once, where it started: its findings may be missing. */
static int report_failure(arc_eval *ctx, const arc_rule *r)
{
    if (!ctx->failed.rc)
        return 0;
    char msg[512];
    if (r)
        snprintf(msg, sizeof msg,
                 "规则 %s 的模式在此处无法完成匹配（PCRE2：%s），该规则的结果"
                 "可能不完整；请简化该模式（避免嵌套的重复）",
                 r->id, ctx->failed.reason);
    else
        snprintf(msg, sizeof msg,
                 "规则集 parts 中的模式在此处无法完成匹配（PCRE2：%s），"
                 "必需部分的识别可能不完整；请简化该模式（避免嵌套的重复）",
                 ctx->failed.reason);
    int ri = arc_ruleset_rule_index(ctx->rs, ARC_RULE_PATTERN_ERROR);
    arc_rule pseudo = {0};
    pseudo.id = ARC_RULE_PATTERN_ERROR;
    size_t at = ctx->failed.at;
    ctx->failed.rc = 0;
    return arc_emit_as(ctx, ri >= 0 ? &ctx->rs->rules[ri] : &pseudo,
                       ARC_SEV_ERROR, msg, -1, at,
                       ctx->doc->lines[arc_doc_line_at(ctx->doc, at)].end,
                       NULL, 0);
}

int arc_eval_doc(const arc_ruleset *rs, const arc_doc *doc,
                 const arc_facts *facts, size_t only, arc_matcher *m,
                 arc_findings *out, arc_check_out *co, int forced,
                 arc_error *err)
{
    arc_eval ctx = {rs, doc, facts, out, m, NULL, 0, err, NULL, forced,
                    {0, NULL, 0, ""}};
    int rc = arc_resolve_parts(&ctx);
    if (!rc)
        rc = report_failure(&ctx, NULL);
    arc_budget *dl = arc_matcher_budget(m);
    for (size_t i = 0; !rc && !ctx.halt && i < rs->nrules; i++) {
        if (arc_budget_check(dl, 1))
            break;
        const arc_rule *r = &rs->rules[i];
        if (r->kind->eval && (only == ARC_ALL_RULES ? r->enabled : i == only))
            rc = r->kind->eval(r, &ctx);
        if (!rc)
            rc = report_failure(&ctx, r);
    }
    if (!rc && co) {
        memset(co, 0, sizeof *co);
        for (size_t p = 0; p < ARC_MAX_PARTS; p++)
            co->part_section[p] = -1;
        for (size_t p = 0; p < rs->nparts && p < ARC_MAX_PARTS; p++) {
            co->part[p] = ctx.parts[p].status;
            co->part_section[p] = ctx.parts[p].section;
            co->part_start[p] = ctx.parts[p].start;
            co->part_end[p] = ctx.parts[p].end;
            co->part_at[p] = ctx.parts[p].at;
        }
        co->halted = ctx.halt;
    }
    free(ctx.parts);
    if (ctx.dates)
        free(ctx.dates->v);
    free(ctx.dates);
    if (!rc && arc_budget_check(dl, 1))
        rc = arc_budget_error(dl, doc->path, err);
    return rc;
}

/* run.c - the whole per-report pipeline, one library call per file:
 * read (readers table) -> parse (structure) -> fold traditional characters
 * -> facts (document profile) -> rules -> ignores, sort, scorecard, digest.
 * The result outlives the document.  The corpus pass then checks across
 * the results of a batch using their digests only. */
#include "archeck.h"

#include "corpus.h"
#include "eval.h"
#include "facts.h"
#include "load.h"
#include "result.h"
#include "rules.h"
#include "scorecard.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arc_checker {
    const arc_ruleset *rs;
    arc_matcher *m;
    arc_digest_scratch *scratch;
};

int arc_checker_new(arc_checker **out, const arc_ruleset *rs)
{
    arc_checker *c = calloc(1, sizeof *c);
    if (!c || arc_matcher_new(&c->m) ||
        !(c->scratch = arc_digest_scratch_new())) {
        arc_checker_free(c);
        *out = NULL;
        return ARC_ENOMEM;
    }
    c->rs = rs;
    *out = c;
    return 0;
}

void arc_checker_free(arc_checker *c)
{
    if (!c)
        return;
    arc_matcher_free(c->m);
    arc_digest_scratch_free(c->scratch);
    free(c);
}

struct arc_run {
    arc_run_opts o;
    arc_parse_opts parse;
    const arc_ruleset *forced; /* o.profile's set, or NULL */
};

int arc_run_new(arc_run **out, const arc_run_opts *o, arc_error *err)
{
    *out = NULL;
    if (!o || !o->rs)
        return arc_err(err, ARC_EINVAL, NULL, 0, 0, "没有规则集");
    if (o->load.encoding && !arc_encoding_supported(o->load.encoding))
        return arc_err(err, ARC_EINVAL, NULL, 0, 0, "不支持的编码“%s”",
                       o->load.encoding);
    const arc_ruleset *forced = NULL;
    if (o->profile && !(forced = arc_ruleset_for(o->rs, o->profile))) {
        arc_buf b = {0};
        for (size_t i = 0; i < arc_ruleset_profile_count(o->rs); i++)
            arc_buf_printf(&b, "%s%s", i ? "、" : "",
                           arc_ruleset_profile_id(o->rs, i));
        int rc = arc_err(err, ARC_EINVAL, NULL, 0, 0,
                         "规则集没有文件类型“%s”（可用：%s）", o->profile,
                         b.data ? b.data : "");
        arc_buf_free(&b);
        return rc;
    }
    arc_run *run = calloc(1, sizeof *run);
    if (!run)
        return arc_err_nomem(err);
    run->o = *o;
    run->o.profile = NULL; /* not kept: the caller's string */
    run->forced = forced;
    run->parse.max_heading_chars = o->rs->doc.max_heading_chars;
    *out = run;
    return 0;
}

void arc_run_free(arc_run *run)
{
    free(run);
}

/* ------------------------------------------------------------- results */

static arc_result *result_new(const char *path, const arc_ruleset *rs)
{
    arc_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->rs = rs;
    r->used = rs;
    r->format = "";
    /* The name as outputs show it: a GBK name would make them invalid. */
    if (!(r->path = arc_path_display(path)) ||
        arc_findings_new(&r->findings) ||
        !(r->title = arc_strdup("")) || !(r->unit = arc_strdup(""))) {
        arc_result_free(r);
        return NULL;
    }
    return r;
}

static void kept_free(arc_kept_text *k)
{
    for (size_t i = 0; i < k->nheadings; i++) {
        free((char *)k->headings[i].label);
        free((char *)k->headings[i].text);
    }
    free(k->headings);
    free(k->text);
    free(k->orig);
    free(k->page);
}

void arc_result_free(arc_result *r)
{
    if (!r)
        return;
    free(r->path);
    free(r->error);
    arc_findings_free(r->findings);
    free(r->title);
    free(r->unit);
    kept_free(&r->kept);
    arc_digest_free(&r->digest);
    for (size_t i = 0; i < r->nshared; i++) {
        free((char *)r->shared[i].rule);
        free((char *)r->shared[i].other);
    }
    free(r->shared);
    for (size_t i = 0; i < r->nplan; i++) {
        free((char *)r->plan[i].rule);
        free((char *)r->plan[i].plan);
        free((char *)r->plan[i].item);
    }
    free(r->plan);
    free(r);
}

/* A file that could not be checked: its reason as an input.unreadable
 * finding (error; never ignored, so nothing is skipped silently). */
static int unreadable(const arc_run *run, arc_result *r, const arc_error *why)
{
    r->status = ARC_RESULT_UNREADABLE;
    r->reference = (run->o.flags & ARC_RUN_REFERENCE) != 0;
    if (!(r->error = malloc(sizeof *r->error)))
        return ARC_ENOMEM;
    *r->error = *why;
    snprintf(r->error->file, sizeof r->error->file, "%s", r->path);
    arc_finding fi = {0};
    fi.path = r->path;
    fi.line = why->line;
    fi.column = why->column;
    fi.severity = ARC_SEV_ERROR;
    fi.rule = ARC_RULE_UNREADABLE;
    fi.section = "";
    fi.message = why->message;
    fi.evidence = "";
    if (arc_findings_add(r->findings, &fi))
        return ARC_ENOMEM;
    arc_scorecard_unchecked(&r->card, run->o.rs);
    arc_scorecard_score(&r->card, run->o.rs, r->findings);
    return 0;
}

typedef struct {
    const arc_config *config;
    const char *rel; /* the report's path relative to the config */
} ignore_ctx;

static int not_ignored(const arc_finding *fi, void *ud)
{
    const ignore_ctx *ic = ud;
    /* A file that could not be checked, or a check that could not finish,
     * is never hidden. */
    return strcmp(fi->rule, ARC_RULE_UNREADABLE) == 0 ||
           strcmp(fi->rule, ARC_RULE_PATTERN_ERROR) == 0 ||
           !arc_config_ignored_rel(ic->config, ic->rel, fi->rule);
}

/* Drops the findings the configuration ignores for this report; the
 * config-relative path is worked out once per report. */
static void apply_ignores(const arc_config *config, arc_result *r)
{
    if (!config)
        return;
    char buf[PATH_MAX];
    ignore_ctx ic = {config,
                     arc_config_relative(config, r->path, buf, sizeof buf)};
    arc_findings_filter(r->findings, not_ignored, &ic);
}

/* A 64-bit hash of the normalised text, eight bytes at a time (a byte-wise
 * FNV loop cost 8% of a whole run).  Equal texts give equal hashes; the
 * corpus pass compares lengths too. */
static uint64_t text_hash(const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = (uint64_t)n * k;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    memcpy(&tail, s + i, n - i);
    h = (h ^ tail) * k;
    return h ^ (h >> 32);
}

/* Keeps the pages and headings (ARC_RUN_KEEP_TEXT). */
static int keep_headings(arc_result *r, const arc_doc *doc,
                         const arc_ruleset *rs, const arc_check_out *co)
{
    arc_kept_text *k = &r->kept;
    const char *t = doc->text.norm;
    k->nlines = doc->nlines;
    if (doc->page) {
        if (!(k->page = malloc(doc->nlines * sizeof *k->page)))
            return ARC_ENOMEM;
        memcpy(k->page, doc->page, doc->nlines * sizeof *k->page);
    }
    if (!doc->nsections)
        return 0;
    if (!(k->headings = calloc(doc->nsections, sizeof *k->headings)))
        return ARC_ENOMEM;
    for (size_t i = 0; i < doc->nsections; i++) {
        const arc_section *s = &doc->sections[i];
        arc_heading *h = &k->headings[k->nheadings++];
        int col;
        size_t orig;
        arc_text_position(&doc->text, s->line_start, &h->line, &col, &orig);
        h->page = (int)arc_doc_page(doc, (size_t)(h->line - 1));
        h->level = s->level;
        h->part = "";
        for (size_t p = 0; p < rs->nparts && p < ARC_MAX_PARTS; p++)
            if (co->part_section[p] == (int)i)
                h->part = rs->parts[p].id;
        h->label = arc_strndup(t + s->label_start, s->label_end - s->label_start);
        h->text = arc_strndup(t + s->title_start, s->title_end - s->title_start);
        if (!h->label || !h->text)
            return ARC_ENOMEM;
    }
    return 0;
}

/* Keeps the text, pages and headings (ARC_RUN_KEEP_TEXT).  The document is
 * freed next: its normalised and original texts (NUL-terminated buffers of
 * their own) move to the result instead of being copied. */
static int keep_text(arc_result *r, arc_doc *doc, const arc_ruleset *rs,
                     const arc_check_out *co)
{
    int rc = keep_headings(r, doc, rs, co);
    if (!rc) {
        r->kept.text = doc->text.norm;
        r->kept.len = doc->text.norm_len;
        doc->text.norm = NULL;
        doc->text.norm_len = 0;
        r->kept.orig = doc->text.orig;
        r->kept.orig_len = doc->text.orig_len;
        doc->text.orig = NULL;
        doc->text.orig_len = 0;
    }
    return rc;
}

/* What the corpus rules that run need in the digest. */
static unsigned digest_needs(const arc_ruleset *rs, size_t only)
{
    unsigned need = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const arc_rule *r = &rs->rules[i];
        if (only == ARC_ALL_RULES ? r->enabled : i == only)
            need |= r->kind->digest;
    }
    return need;
}

static int drop_all(const arc_finding *fi, void *ud)
{
    (void)fi, (void)ud;
    return 0;
}

/* Everything after reading: facts, rules, ignores, scorecard, digest. */
static int check_doc(const arc_run *run, const arc_checker *c,
                     const arc_ruleset *set, size_t only, arc_result *r,
                     arc_doc *doc, const arc_input *in, arc_error *err)
{
    arc_matcher *m = c->m;
    const arc_doc_profile *prof = &run->o.rs->doc;
    arc_facts facts;
    int rc = arc_doc_fold_traditional(doc, prof->t2s, prof->trad_bits,
                                      prof->trad_min);
    if (rc)
        return arc_err_nomem(err);
    if ((rc = arc_facts_read(&facts, doc, prof, in, err)))
        return rc;
    if (facts.title_section == 0)
        arc_doc_drop_first_section(doc);
    if (run->o.pub_y)
        arc_facts_set_published(&facts, run->o.pub_y, run->o.pub_m,
                                run->o.pub_d);
    /* The profile: forced, else the one for the recognised type, else the
     * main set (whose doc_type rule reports a type nobody checks). */
    const arc_ruleset *rs = set ? set : run->forced;
    int forced = !set && run->forced;
    if (!rs && facts.type >= 0)
        rs = arc_ruleset_for(run->o.rs, facts.type_id);
    if (!rs)
        rs = run->o.rs;
    r->used = rs;
    arc_check_out co;
    rc = arc_eval_doc(rs, doc, &facts, only, m, r->findings, &co, forced,
                      err);
    if (!rc) {
        arc_findings_sort(r->findings);
        apply_ignores(run->o.config, r);
        arc_scorecard_fill(&r->card, rs, &facts, &co);
        arc_scorecard_score(&r->card, rs, r->findings);
        r->digest.text_hash = text_hash(doc->text.norm, doc->text.norm_len);
        r->digest.text_len = doc->text.norm_len;
        /* The document type is a fact: a work plan's tasks are its plan. */
        r->digest.work_plan =
            facts.type_id && strcmp(facts.type_id, "work-plan") == 0;
        /* The checks across reports are the main set's, whatever profile
         * checked the document; a single rule of a profile needs none. */
        const arc_ruleset *main_rs = run->o.rs;
        unsigned need = set && set != main_rs ? 0 : digest_needs(main_rs, only);
        if (arc_digest_fill(&r->digest, main_rs, need, doc, facts.unit,
                            facts.year, &co, m, c->scratch))
            rc = arc_err_nomem(err);
        if (run->o.flags & ARC_RUN_REFERENCE) {
            r->reference = 1;
            arc_findings_filter(r->findings, drop_all, NULL);
            arc_scorecard_score(&r->card, rs, r->findings);
        }
        char *title = arc_strdup(facts.title), *unit = arc_strdup(facts.unit);
        if (rc || !title || !unit) {
            free(title);
            free(unit);
            rc = arc_err_nomem(err);
        } else {
            free(r->title);
            free(r->unit);
            r->title = title;
            r->unit = unit;
        }
    }
    if (!rc && (run->o.flags & ARC_RUN_KEEP_TEXT) &&
        keep_text(r, doc, rs, &co))
        rc = arc_err_nomem(err);
    arc_facts_free(&facts);
    return rc;
}

int arc_run_check(const arc_run *run, arc_checker *c, const arc_ruleset *set,
                  size_t only, const char *path, const char *data,
                  size_t len, arc_result **out, arc_error *err)
{
    *out = NULL;
    if (!run || !c || c->rs != run->o.rs)
        return arc_err(err, ARC_EINVAL, path, 0, 0,
                       "检查器与运行使用的规则集不同");
    arc_result *r = result_new(path ? path : "", run->o.rs);
    if (!r)
        return arc_err_nomem(err);
    arc_doc *doc = NULL;
    arc_input in;
    arc_error why = {0};
    /* The file's time budget: reading, parsing and every rule's searches
     * ask it (cooperatively: no signals, nothing global). */
    arc_budget dl;
    arc_budget_start(&dl, &run->o.load);
    arc_matcher_set_budget(c->m, &dl);
    int rc = arc_load_bytes(&doc, &in, &r->format, r->path, data, len,
                            &run->o.load, &run->parse, &dl, &why);
    if (rc == ARC_ENOMEM) {
        arc_matcher_set_budget(c->m, NULL);
        arc_result_free(r);
        return arc_err_nomem(err);
    }
    if (rc)
        rc = unreadable(run, r, &why) ? arc_err_nomem(err) : 0;
    else {
        rc = check_doc(run, c, set, only, r, doc, &in, &why);
        arc_input_free(&in);
        arc_doc_free(doc);
        if (rc && rc != ARC_ENOMEM && dl.expired) {
            /* Half-checked: what was found so far would mislead. */
            arc_result *fresh = result_new(r->path, run->o.rs);
            if (fresh)
                fresh->format = r->format;
            arc_result_free(r);
            r = fresh;
            rc = !r || unreadable(run, r, &why) ? ARC_ENOMEM : 0;
        }
        if (rc == ARC_ENOMEM)
            arc_err_nomem(err);
        else if (rc && err)
            *err = why;
    }
    arc_matcher_set_budget(c->m, NULL);
    if (rc) {
        arc_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int arc_run_buffer(const arc_run *run, arc_checker *c, const char *path,
                   const char *data, size_t len, arc_result **out,
                   arc_error *err)
{
    return arc_run_check(run, c, NULL, ARC_ALL_RULES, path, data, len, out,
                         err);
}

int arc_run_file(const arc_run *run, arc_checker *c, const char *path,
                 arc_result **out, arc_error *err)
{
    *out = NULL;
    if (!run || !c || c->rs != run->o.rs || !path)
        return arc_err(err, ARC_EINVAL, path, 0, 0,
                       "检查器与运行使用的规则集不同");
    char *data = NULL;
    size_t len = 0;
    arc_error why = {0};
    int rc = arc_read_file(&data, &len, path,
                           run->o.load.max_file_size
                               ? run->o.load.max_file_size
                               : ARC_DEFAULT_MAX_FILE_SIZE,
                           &why);
    if (rc == ARC_ENOMEM)
        return arc_err_nomem(err);
    if (rc) {
        arc_result *r = result_new(path, run->o.rs);
        if (!r || unreadable(run, r, &why)) {
            arc_result_free(r);
            return arc_err_nomem(err);
        }
        *out = r;
        return 0;
    }
    rc = arc_run_buffer(run, c, path, data, len, out, err);
    free(data);
    return rc;
}

int arc_run_corpus(const arc_run *run, arc_result *const *results, size_t n,
                   arc_error *err)
{
    const arc_ruleset *rs = run->o.rs;
    for (size_t i = 0; i < n; i++)
        if (results[i]->rs != rs || results[i]->corpus_done)
            return arc_err(err, ARC_EINVAL, results[i]->path, 0, 0,
                           "结果不属于这次运行，或已做过跨报告检查");
    int rc = arc_corpus_eval(rs, results, n, ARC_ALL_RULES, run->o.jobs, err);
    for (size_t i = 0; !rc && i < n; i++) {
        arc_result *r = results[i];
        apply_ignores(run->o.config, r);
        arc_findings_sort(r->findings);
        arc_scorecard_score(&r->card, r->used, r->findings);
        r->corpus_done = 1;
    }
    return rc;
}

/* -------------------------------------------------------------- access */

const char *arc_result_path(const arc_result *r)
{
    return r->path;
}

arc_result_status arc_result_status_of(const arc_result *r)
{
    return r->status;
}

const arc_error *arc_result_error(const arc_result *r)
{
    return r->error;
}

const arc_findings *arc_result_findings(const arc_result *r)
{
    return r->findings;
}

const arc_scorecard *arc_result_scorecard(const arc_result *r)
{
    return &r->card;
}

const char *arc_result_title(const arc_result *r)
{
    return r->title;
}

const char *arc_result_unit(const arc_result *r)
{
    return r->unit;
}

const char *arc_result_format(const arc_result *r)
{
    return r->format;
}

const char *arc_result_text(const arc_result *r, size_t *len)
{
    if (len)
        *len = r->kept.len;
    return r->kept.text;
}

size_t arc_result_heading_count(const arc_result *r)
{
    return r->kept.nheadings;
}

const arc_heading *arc_result_heading(const arc_result *r, size_t i)
{
    return i < r->kept.nheadings ? &r->kept.headings[i] : NULL;
}

size_t arc_result_shared_count(const arc_result *r)
{
    return r->nshared;
}

const arc_shared_passage *arc_result_shared(const arc_result *r, size_t i)
{
    return i < r->nshared ? &r->shared[i] : NULL;
}

size_t arc_result_plan_count(const arc_result *r)
{
    return r->nplan;
}

const arc_plan_item *arc_result_plan_item(const arc_result *r, size_t i)
{
    return i < r->nplan ? &r->plan[i] : NULL;
}

int arc_result_line_page(const arc_result *r, int line)
{
    if (!r->kept.page || line < 1 || (size_t)line > r->kept.nlines)
        return 0;
    return (int)r->kept.page[line - 1];
}

void arc_result_drop_text(arc_result *r)
{
    if (!r)
        return;
    kept_free(&r->kept);
    memset(&r->kept, 0, sizeof r->kept);
}

/* ---------------------------------------------------------- convenience */

int arc_check(const arc_ruleset *rs, const arc_doc *doc, arc_findings *out,
              arc_error *err)
{
    arc_facts facts;
    arc_matcher *m = NULL;
    if (arc_matcher_new(&m))
        return arc_err_nomem(err);
    int rc = arc_facts_read(&facts, doc, &rs->doc, NULL, err);
    if (!rc) {
        const arc_ruleset *set =
            facts.type >= 0 ? arc_ruleset_for(rs, facts.type_id) : NULL;
        rc = arc_eval_doc(set ? set : rs, doc, &facts, ARC_ALL_RULES, m, out,
                          NULL, 0, err);
        arc_facts_free(&facts);
    }
    arc_matcher_free(m);
    return rc;
}

const char *arc_pub_source_name(arc_pub_source src)
{
    static const char *const names[] = {"",          "label",    "title",
                                        "signature", "override", "meta",
                                        "line",      "letter"};
    return (size_t)src < ARC_ARRAY_LEN(names) ? names[src] : "";
}

const char *arc_year_source_name(arc_year_source src)
{
    static const char *const names[] = {"",         "title",    "opening",
                                        "meta",     "reported", "headings",
                                        "evidence"};
    return (size_t)src < ARC_ARRAY_LEN(names) ? names[src] : "";
}

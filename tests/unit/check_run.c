/* check_run.c - the pipeline (run.c): arc_run shared by checkers and
 * threads, arc_run_file / arc_run_buffer giving results (unreadable files
 * included), the publication-date override, kept text and headings,
 * config ignores, the corpus pass (file.duplicate), results outliving
 * their input, and a checker of another rule set refused. */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* The four required parts, each under its own heading, years right;
 * published in time (label). */
#define REPORT                                                                 \
    "青禾区人民政府关于2025年度法治政府建设情况的报告\n"                       \
    "发布日期:2026-03-15\n"                                                    \
    "2025年,青禾区坚持依法行政。\n"                                           \
    "一、2025年推进法治政府建设的主要举措和成效\n"                             \
    "(一)健全制度。区政府完善行政决策制度。\n"                                 \
    "二、2025年推进法治政府建设存在的不足和原因\n"                             \
    "基层执法力量仍然薄弱,原因在于培训不够。\n"                                \
    "三、党政主要负责人履行推进法治建设第一责任人职责的情况\n"                 \
    "主要负责人带头学法。\n"                                                   \
    "四、2026年推进法治政府建设的主要安排\n"                                   \
    "继续完善制度。\n"

typedef struct {
    arc_ruleset *rs;
    arc_run *run;
    arc_checker *c;
} fixture;

static void fixture_make(fixture *fx, const arc_run_opts *o)
{
    fx->rs = arc_test_default_rules();
    arc_run_opts ro = {0};
    if (o)
        ro = *o;
    ro.rs = fx->rs;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_new(&fx->run, &ro, &err), 0);
    ck_assert_ptr_nonnull(fx->run);
    ck_assert_int_eq(arc_checker_new(&fx->c, fx->rs), 0);
}

static void fixture_free(fixture *fx)
{
    arc_checker_free(fx->c);
    arc_run_free(fx->run);
    arc_ruleset_free(fx->rs);
}

static arc_result *check(const fixture *fx, const char *path, const char *text)
{
    arc_result *r = NULL;
    arc_error err = {0};
    int rc = arc_run_buffer(fx->run, fx->c, path, text, strlen(text), &r, &err);
    ck_assert_msg(rc == 0, "arc_run_buffer: %d %s", rc, err.message);
    ck_assert_ptr_nonnull(r);
    return r;
}

/* Two finding lists are the same, field by field. */
static void assert_same_findings(const arc_findings *a, const arc_findings *b)
{
    ck_assert_uint_eq(arc_findings_count(a), arc_findings_count(b));
    for (size_t i = 0; i < arc_findings_count(a); i++) {
        const arc_finding *x = arc_findings_get(a, i), *y = arc_findings_get(b, i);
        ck_assert_str_eq(x->path, y->path);
        ck_assert_int_eq(x->line, y->line);
        ck_assert_int_eq(x->column, y->column);
        ck_assert_int_eq(x->page, y->page);
        ck_assert_uint_eq(x->offset, y->offset);
        ck_assert_uint_eq(x->end_offset, y->end_offset);
        ck_assert_int_eq(x->severity, y->severity);
        ck_assert_str_eq(x->rule, y->rule);
        ck_assert_str_eq(x->section, y->section);
        ck_assert_str_eq(x->message, y->message);
        ck_assert_str_eq(x->evidence, y->evidence);
    }
}

static arc_config *config_of(const char *yaml)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-run");
    arc_config *c = NULL;
    arc_error err = {0};
    int rc = arc_config_load(&c, arc_test_put(&t, ".archeck.yaml", yaml), &err);
    ck_assert_msg(rc == 0, "config: %s", err.message);
    arc_test_remove_tree(t.dir);
    return c;
}

/* A report with findings of several rules (a placeholder, a wrong ratio,
 * a missing part). */
#define FLAWED                                                                 \
    "青禾区2025年度法治政府建设情况报告\n"                                     \
    "发布日期:2026-03-15\n"                                                    \
    "一、2025年推进法治政府建设的主要举措和成效\n"                             \
    "受理行政复议申请200件,办结190件,办结率97%。XX局落实。\n"                  \
    "二、2025年推进法治政府建设存在的不足和原因\n"                             \
    "基层力量薄弱,原因在于培训不够。\n"                                        \
    "三、2026年推进法治政府建设的主要安排\n"                                   \
    "继续完善制度。\n"

/* ------------------------------------------------------------ sharing */

typedef struct {
    const arc_run *run;
    const arc_ruleset *rs;
    arc_result *r;
    int rc;
} job;

static void *work(void *ud)
{
    job *j = ud;
    arc_checker *c = NULL;
    arc_error err = {0};
    j->rc = arc_checker_new(&c, j->rs);
    for (int k = 0; !j->rc && k < 5; k++) {
        arc_result_free(j->r);
        j->r = NULL;
        j->rc = arc_run_buffer(j->run, c, "same.txt", FLAWED, strlen(FLAWED),
                               &j->r, &err);
    }
    arc_checker_free(c);
    return NULL;
}

START_TEST(test_run_shared_by_checkers)
{
    fixture fx;
    fixture_make(&fx, NULL);
    arc_checker *c2 = NULL;
    ck_assert_int_eq(arc_checker_new(&c2, fx.rs), 0);
    arc_result *a = check(&fx, "same.txt", FLAWED);
    arc_result *b = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_buffer(fx.run, c2, "same.txt", FLAWED,
                                    strlen(FLAWED), &b, &err),
                     0);
    /* The findings are not trivial. */
    const arc_findings *fa = arc_result_findings(a);
    ck_assert_uint_eq(arc_test_count(fa, "placeholder.found"), 1);
    ck_assert_uint_eq(arc_test_count(fa, "ratio.mismatch"), 1);
    ck_assert_uint_eq(arc_test_count(fa, "section.missing"), 1);
    assert_same_findings(fa, arc_result_findings(b));
    ck_assert_mem_eq(arc_result_scorecard(a), arc_result_scorecard(b),
                     sizeof(arc_scorecard));
    ck_assert_str_eq(arc_result_title(a), arc_result_title(b));
    /* Two threads sharing the run (each with its own checker) too. */
    job j[2] = {{fx.run, fx.rs, NULL, 0}, {fx.run, fx.rs, NULL, 0}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, work, &j[i]), 0);
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(j[i].rc, 0);
        assert_same_findings(fa, arc_result_findings(j[i].r));
        ck_assert_mem_eq(arc_result_scorecard(a),
                         arc_result_scorecard(j[i].r), sizeof(arc_scorecard));
        arc_result_free(j[i].r);
    }
    arc_result_free(a);
    arc_result_free(b);
    arc_checker_free(c2);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_checker_of_other_rule_set_refused)
{
    fixture fx;
    fixture_make(&fx, NULL);
    arc_ruleset *other = arc_test_default_rules();
    arc_checker *c = NULL;
    ck_assert_int_eq(arc_checker_new(&c, other), 0);
    arc_result *r = (arc_result *)&r;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_buffer(fx.run, c, "a.txt", REPORT, strlen(REPORT),
                                    &r, &err),
                     ARC_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(err.code, ARC_EINVAL);
    ck_assert_str_eq(err.file, "a.txt");
    ck_assert_uint_gt(strlen(err.message), 0);
    /* Through arc_run_file as well (a file that exists). */
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-run");
    const char *p = arc_test_put(&t, "a.txt", REPORT);
    r = (arc_result *)&r;
    ck_assert_int_eq(arc_run_file(fx.run, c, p, &r, &err), ARC_EINVAL);
    ck_assert_ptr_null(r);
    /* The right checker works. */
    ck_assert_int_eq(arc_run_file(fx.run, fx.c, p, &r, &err), 0);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_CHECKED);
    ck_assert_str_eq(arc_result_path(r), p);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r)), 0);
    arc_result_free(r);
    arc_test_remove_tree(t.dir);
    arc_checker_free(c);
    arc_ruleset_free(other);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_run_new_needs_rule_set)
{
    arc_run *run = (arc_run *)&run;
    arc_run_opts o = {0};
    arc_error err = {0};
    ck_assert_int_eq(arc_run_new(&run, &o, &err), ARC_EINVAL);
    ck_assert_ptr_null(run);
    ck_assert_int_eq(err.code, ARC_EINVAL);
    run = (arc_run *)&run;
    ck_assert_int_eq(arc_run_new(&run, NULL, NULL), ARC_EINVAL);
    ck_assert_ptr_null(run);
}
END_TEST

/* ------------------------------------------------------------ results */

START_TEST(test_checked_result)
{
    fixture fx;
    fixture_make(&fx, NULL);
    arc_result *r = check(&fx, "报告/青禾区.txt", REPORT);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_CHECKED);
    ck_assert_ptr_null(arc_result_error(r));
    ck_assert_str_eq(arc_result_path(r), "报告/青禾区.txt");
    ck_assert_str_eq(arc_result_format(r), "text");
    ck_assert_str_eq(arc_result_title(r),
                     "青禾区人民政府关于2025年度法治政府建设情况的报告");
    ck_assert_str_eq(arc_result_unit(r), "青禾区人民政府");
    const arc_scorecard *card = arc_result_scorecard(r);
    ck_assert_int_eq(card->checked, 1);
    ck_assert_int_eq(card->report_year, 2025);
    ck_assert_int_eq(card->year_source, ARC_YEAR_TITLE);
    ck_assert_int_eq(card->published_source, ARC_PUB_LABEL);
    ck_assert_int_eq(card->score, 100);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r)), 0);
    arc_result_free(r);
    /* Findings come sorted by position. */
    r = check(&fx, "b.txt", FLAWED);
    const arc_findings *f = arc_result_findings(r);
    ck_assert_uint_ge(arc_findings_count(f), 3);
    for (size_t i = 1; i < arc_findings_count(f); i++) {
        const arc_finding *x = arc_findings_get(f, i - 1),
                          *y = arc_findings_get(f, i);
        ck_assert_msg(x->line < y->line ||
                          (x->line == y->line && x->column <= y->column),
                      "finding %zu (%d:%d) after %zu (%d:%d)", i, y->line,
                      y->column, i - 1, x->line, x->column);
        ck_assert_str_eq(y->path, "b.txt");
        ck_assert_int_eq(y->page, 0);
    }
    arc_result_free(r);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_missing_file_is_unreadable)
{
    fixture fx;
    fixture_make(&fx, NULL);
    arc_result *r = NULL;
    arc_error err = {0};
    const char *path = "/nonexistent-arc-dir/青禾区报告.docx";
    ck_assert_int_eq(arc_run_file(fx.run, fx.c, path, &r, &err), 0);
    ck_assert_ptr_nonnull(r);
    /* Not an error of the call. */
    ck_assert_int_eq(err.code, 0);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_UNREADABLE);
    ck_assert_str_eq(arc_result_path(r), path);
    const arc_error *why = arc_result_error(r);
    ck_assert_ptr_nonnull(why);
    ck_assert_int_eq(why->code, ARC_EIO);
    ck_assert_str_eq(why->file, path);
    ck_assert_ptr_nonnull(strstr(why->message, "不存在"));
    const arc_findings *f = arc_result_findings(r);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "input.unreadable");
    ck_assert_int_eq(fi->severity, ARC_SEV_ERROR);
    ck_assert_str_eq(fi->path, path);
    ck_assert_str_eq(fi->message, why->message);
    const arc_scorecard *card = arc_result_scorecard(r);
    ck_assert_int_eq(card->checked, 0);
    ck_assert_str_eq(card->doc_type, "other");
    ck_assert_uint_eq(card->errors, 1);
    ck_assert_int_eq(card->score, 90);
    ck_assert_str_eq(arc_result_title(r), "");
    ck_assert_ptr_null(arc_result_text(r, NULL));
    arc_result_free(r);
    fixture_free(&fx);
}
END_TEST

/* ---------------------------------------------------------- time limit */

/* A file over its time budget is given up and says so; the checker then
 * checks the next file normally (the budget was per file). */
START_TEST(test_time_limit)
{
    size_t one = strlen(REPORT), n = (2u << 20) / one;
    char *big = malloc(n * one + 1);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + i * one, REPORT, one);
    big[n * one] = '\0';

    arc_run_opts o = {0};
    o.load.time_limit_ms = 1;
    fixture fx;
    fixture_make(&fx, &o);
    arc_result *r = check(&fx, "大.txt", big);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_UNREADABLE);
    const arc_error *why = arc_result_error(r);
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strstr(why->message, "时间上限") &&
                      strstr(why->message, "0.001 秒"),
                  "%s", why->message);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r)), 1);
    ck_assert_str_eq(arc_findings_get(arc_result_findings(r), 0)->rule,
                     "input.unreadable");
    ck_assert_int_eq(arc_result_scorecard(r)->checked, 0);
    arc_result_free(r);
    fixture_free(&fx);

    o.load.time_limit_ms = ARC_NO_TIME_LIMIT;
    fixture_make(&fx, &o);
    r = check(&fx, "大.txt", big);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_CHECKED);
    arc_result_free(r);
    fixture_free(&fx);

    /* The default (60 s) checks it too, and the same checker goes on. */
    fixture_make(&fx, NULL);
    r = check(&fx, "大.txt", big);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_CHECKED);
    arc_result_free(r);
    r = check(&fx, "小.txt", REPORT);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_CHECKED);
    arc_result_free(r);
    fixture_free(&fx);
    free(big);
}
END_TEST

/* ------------------------------------------------------------ override */

START_TEST(test_published_override)
{
    arc_run_opts o = {0};
    o.pub_y = 2026, o.pub_m = 4, o.pub_d = 15;
    fixture fx;
    fixture_make(&fx, &o);
    /* The label says 2026-03-15; the override wins, and is late. */
    arc_result *r = check(&fx, "a.txt", REPORT);
    const arc_scorecard *card = arc_result_scorecard(r);
    ck_assert_int_eq(card->published_source, ARC_PUB_OVERRIDE);
    ck_assert_int_eq(card->published_y, 2026);
    ck_assert_int_eq(card->published_m, 4);
    ck_assert_int_eq(card->published_d, 15);
    const arc_findings *f = arc_result_findings(r);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *late = arc_test_find(f, "deadline.late");
    ck_assert_ptr_nonnull(late);
    ck_assert_ptr_nonnull(strstr(late->message, "2026-04-15"));
    /* deadline.late weighs 20. */
    ck_assert_int_eq(card->score, 80);
    arc_result_free(r);
    fixture_free(&fx);
    /* Without the override: the label, in time. */
    fixture_make(&fx, NULL);
    r = check(&fx, "a.txt", REPORT);
    ck_assert_int_eq(arc_result_scorecard(r)->published_source, ARC_PUB_LABEL);
    ck_assert_int_eq(arc_result_scorecard(r)->published_m, 3);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r)), 0);
    arc_result_free(r);
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------ keep text */

#define FULLWIDTH                                                              \
    "青禾区2025年度法治政府建设情况报告\n"                                     \
    "２０２５年，青禾区坚持依法行政。\n"                                       \
    "一、2025年推进法治政府建设的主要举措和成效\n"                             \
    "（一）健全制度。区政府完善行政决策制度。\n"                               \
    "二、2025年推进法治政府建设存在的不足和原因\n"                             \
    "基层执法力量仍然薄弱,原因在于培训不够。\n"                                \
    "三、党政主要负责人履行推进法治建设第一责任人职责的情况\n"                 \
    "主要负责人带头学法。\n"                                                   \
    "四、2026年推进法治政府建设的主要安排\n"                                   \
    "继续完善制度。\n"

START_TEST(test_keep_text)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_result *r = arc_test_result(rs, FULLWIDTH, ARC_RUN_KEEP_TEXT);
    size_t len = 0;
    const char *t = arc_result_text(r, &len);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(len, strlen(t));
    /* The normalised text: full-width digits, comma and brackets folded. */
    ck_assert_ptr_nonnull(strstr(t, "\n2025年,青禾区坚持依法行政。\n"));
    ck_assert_ptr_nonnull(strstr(t, "\n(一)健全制度。"));
    ck_assert_ptr_null(strstr(t, "２０２５"));
    ck_assert_mem_eq(t, "青禾区2025年度", strlen("青禾区2025年度"));
    static const struct {
        int line, level;
        const char *label, *text, *part;
    } want[] = {
        {3, 1, "一、", "2025年推进法治政府建设的主要举措和成效", "measures"},
        {4, 2, "(一)", "健全制度", ""},
        {5, 1, "二、", "2025年推进法治政府建设存在的不足和原因",
         "shortcomings"},
        {7, 1, "三、", "党政主要负责人履行推进法治建设第一责任人职责的情况",
         "first_responsible"},
        {9, 1, "四、", "2026年推进法治政府建设的主要安排", "next_year"},
    };
    size_t n = sizeof want / sizeof want[0];
    ck_assert_uint_eq(arc_result_heading_count(r), n);
    for (size_t i = 0; i < n; i++) {
        const arc_heading *h = arc_result_heading(r, i);
        ck_assert_ptr_nonnull(h);
        ck_assert_msg(h->line == want[i].line, "heading %zu line %d", i,
                      h->line);
        ck_assert_int_eq(h->level, want[i].level);
        ck_assert_int_eq(h->page, 0);
        ck_assert_str_eq(h->label, want[i].label);
        ck_assert_str_eq(h->text, want[i].text);
        ck_assert_str_eq(h->part, want[i].part);
    }
    ck_assert_ptr_null(arc_result_heading(r, n));
    /* No pages in a text file. */
    ck_assert_int_eq(arc_result_line_page(r, 3), 0);
    /* The findings do not depend on the flag. */
    arc_result *plain = arc_test_result(rs, FULLWIDTH, 0);
    assert_same_findings(arc_result_findings(r), arc_result_findings(plain));
    ck_assert_int_eq(arc_result_scorecard(plain)->score,
                     arc_result_scorecard(r)->score);
    /* Without it: no text, no headings. */
    len = 99;
    ck_assert_ptr_null(arc_result_text(plain, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(arc_result_heading_count(plain), 0);
    ck_assert_ptr_null(arc_result_heading(plain, 0));
    ck_assert_int_eq(arc_result_line_page(plain, 1), 0);
    arc_result_free(plain);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ ignores */

START_TEST(test_config_ignore)
{
    arc_config *cfg = config_of("ignore:\n"
                                "  - {path: \"drafts/*\", rule: placeholder.found}\n");
    arc_run_opts o = {0};
    o.config = cfg;
    fixture fx;
    fixture_make(&fx, &o);
    /* Ignored in drafts/: the placeholder (an error, 10) is gone. */
    arc_result *in = check(&fx, "drafts/a.txt", FLAWED);
    arc_result *out = check(&fx, "final/a.txt", FLAWED);
    const arc_findings *fi = arc_result_findings(in), *fo = arc_result_findings(out);
    ck_assert_uint_eq(arc_test_count(fo, "placeholder.found"), 1);
    ck_assert_uint_eq(arc_test_count(fi, "placeholder.found"), 0);
    ck_assert_uint_eq(arc_findings_count(fi), arc_findings_count(fo) - 1);
    /* Other rules are kept. */
    ck_assert_uint_eq(arc_test_count(fi, "ratio.mismatch"), 1);
    ck_assert_uint_eq(arc_test_count(fi, "section.missing"), 1);
    /* The score is computed after the ignore. */
    const arc_scorecard *ci = arc_result_scorecard(in),
                        *co = arc_result_scorecard(out);
    ck_assert_uint_eq(ci->errors, co->errors - 1);
    ck_assert_int_eq(ci->score, co->score + 10);
    arc_result_free(in);
    arc_result_free(out);
    fixture_free(&fx);
    arc_config_free(cfg);
}
END_TEST

/* ------------------------------------------------------------ corpus */

START_TEST(test_corpus_duplicates)
{
    fixture fx;
    fixture_make(&fx, NULL);
    arc_result *r[3];
    r[0] = check(&fx, "附件1.txt", REPORT);
    r[1] = check(&fx, "附件1（定稿）.txt", REPORT);
    r[2] = check(&fx, "other.txt", FLAWED);
    int score2 = arc_result_scorecard(r[2])->score;
    size_t n2 = arc_findings_count(arc_result_findings(r[2]));
    arc_error err = {0};
    ck_assert_int_eq(arc_run_corpus(fx.run, r, 3, &err), 0);
    /* One warning in each copy, naming the other. */
    for (int i = 0; i < 2; i++) {
        const arc_findings *f = arc_result_findings(r[i]);
        ck_assert_uint_eq(arc_findings_count(f), 1);
        const arc_finding *d = arc_findings_get(f, 0);
        ck_assert_str_eq(d->rule, "file.duplicate");
        ck_assert_int_eq(d->severity, ARC_SEV_WARNING);
        ck_assert_str_eq(d->path, arc_result_path(r[i]));
        ck_assert_int_eq(d->line, 0);
        char want[256];
        snprintf(want, sizeof want,
                 "与同批的“%s”内容完全相同，可能是同一份报告重复提交",
                 arc_result_path(r[1 - i]));
        ck_assert_str_eq(d->message, want);
        /* Rescored: a warning, 3. */
        const arc_scorecard *card = arc_result_scorecard(r[i]);
        ck_assert_uint_eq(card->warnings, 1);
        ck_assert_int_eq(card->score, 97);
    }
    /* The different report is untouched. */
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[2])), n2);
    ck_assert_uint_eq(arc_test_count(arc_result_findings(r[2]),
                                     "file.duplicate"),
                      0);
    ck_assert_int_eq(arc_result_scorecard(r[2])->score, score2);
    for (int i = 0; i < 3; i++)
        arc_result_free(r[i]);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_corpus_different_texts)
{
    fixture fx;
    fixture_make(&fx, NULL);
    arc_result *r[2];
    r[0] = check(&fx, "a.txt", REPORT);
    /* Another county's report: same structure, other names. */
    r[1] = check(&fx, "b.txt", "云溪县人民政府关于2025年度法治政府建设情况的报告\n"
                               "发布日期:2026-03-15\n"
                               "2025年,云溪县坚持依法行政。\n"
                               "一、2025年推进法治政府建设的主要举措和成效\n"
                               "(一)健全制度。区政府完善行政决策制度。\n"
                               "二、2025年推进法治政府建设存在的不足和原因\n"
                               "基层执法力量仍然薄弱,原因在于培训不够。\n"
                               "三、党政主要负责人履行推进法治建设第一责任人职责的情况\n"
                               "主要负责人带头学法。\n"
                               "四、2026年推进法治政府建设的主要安排\n"
                               "继续完善制度。\n");
    arc_error err = {0};
    ck_assert_int_eq(arc_run_corpus(fx.run, r, 2, &err), 0);
    /* Not the same file twice; but the same text under another unit's
     * name is what copy.between-units is for (check_corpus.c). */
    for (int i = 0; i < 2; i++) {
        ck_assert_uint_eq(arc_test_count(arc_result_findings(r[i]),
                                         "file.duplicate"), 0);
        ck_assert_uint_eq(arc_test_count(arc_result_findings(r[i]),
                                         "copy.between-units"), 1);
        ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[i])), 1);
    }
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    /* A corpus of one, or of none, finds nothing. */
    r[0] = check(&fx, "a.txt", REPORT);
    ck_assert_int_eq(arc_run_corpus(fx.run, r, 1, &err), 0);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[0])), 0);
    ck_assert_int_eq(arc_run_corpus(fx.run, r, 0, &err), 0);
    arc_result_free(r[0]);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_corpus_three_copies_and_unreadable)
{
    fixture fx;
    fixture_make(&fx, NULL);
    arc_result *r[5];
    r[0] = check(&fx, "a.txt", REPORT);
    r[1] = check(&fx, "b.txt", REPORT);
    r[2] = check(&fx, "c.txt", REPORT);
    arc_error err = {0};
    /* Two unreadable files: not duplicates of each other. */
    ck_assert_int_eq(arc_run_file(fx.run, fx.c, "/nonexistent-arc-dir/x.txt",
                                  &r[3], &err),
                     0);
    ck_assert_int_eq(arc_run_file(fx.run, fx.c, "/nonexistent-arc-dir/y.txt",
                                  &r[4], &err),
                     0);
    ck_assert_int_eq(arc_run_corpus(fx.run, r, 5, &err), 0);
    /* Each copy names the first other copy in batch order. */
    static const char *const other[] = {"b.txt", "a.txt", "a.txt"};
    for (int i = 0; i < 3; i++) {
        const arc_findings *f = arc_result_findings(r[i]);
        ck_assert_uint_eq(arc_findings_count(f), 1);
        ck_assert_ptr_nonnull(strstr(arc_findings_get(f, 0)->message,
                                     other[i]));
        ck_assert_int_eq(arc_result_scorecard(r[i])->score, 97);
    }
    for (int i = 3; i < 5; i++) {
        const arc_findings *f = arc_result_findings(r[i]);
        ck_assert_uint_eq(arc_findings_count(f), 1);
        ck_assert_str_eq(arc_findings_get(f, 0)->rule, "input.unreadable");
        ck_assert_int_eq(arc_result_scorecard(r[i])->score, 90);
        ck_assert_int_eq(arc_result_scorecard(r[i])->checked, 0);
    }
    for (int i = 0; i < 5; i++)
        arc_result_free(r[i]);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_corpus_ignored_and_disabled)
{
    /* An ignore for the corpus rule applies to its findings too. */
    arc_config *cfg = config_of("ignore:\n"
                                "  - {path: \"b.txt\", rule: file.duplicate}\n");
    arc_run_opts o = {0};
    o.config = cfg;
    fixture fx;
    fixture_make(&fx, &o);
    arc_result *r[2];
    r[0] = check(&fx, "a.txt", REPORT);
    r[1] = check(&fx, "b.txt", REPORT);
    arc_error err = {0};
    ck_assert_int_eq(arc_run_corpus(fx.run, r, 2, &err), 0);
    ck_assert_uint_eq(arc_test_count(arc_result_findings(r[0]),
                                     "file.duplicate"),
                      1);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[1])), 0);
    ck_assert_int_eq(arc_result_scorecard(r[1])->score, 100);
    ck_assert_int_eq(arc_result_scorecard(r[0])->score, 97);
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    fixture_free(&fx);
    arc_config_free(cfg);
    /* A disabled corpus rule does not run. */
    arc_ruleset *rs = arc_test_default_rules();
    ck_assert_int_eq(arc_ruleset_set_enabled(rs, "file.duplicate", 0), 0);
    arc_run_opts ro = {0};
    ro.rs = rs;
    arc_run *run = NULL;
    arc_checker *c = NULL;
    ck_assert_int_eq(arc_run_new(&run, &ro, &err), 0);
    ck_assert_int_eq(arc_checker_new(&c, rs), 0);
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(arc_run_buffer(run, c, i ? "b.txt" : "a.txt", REPORT,
                                        strlen(REPORT), &r[i], &err),
                         0);
    ck_assert_int_eq(arc_run_corpus(run, r, 2, &err), 0);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[0])), 0);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[1])), 0);
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    arc_checker_free(c);
    arc_run_free(run);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ lifetime */

/* The result owns everything it shows: the input bytes and the path may
 * go, and the document is freed inside the call (ASan checks the rest). */
START_TEST(test_result_outlives_input)
{
    fixture fx;
    fixture_make(&fx, NULL);
    char *data = strdup(FLAWED);
    char *path = strdup("drafts/青禾区.txt");
    ck_assert(data && path);
    arc_result *r = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_buffer(fx.run, fx.c, path, data, strlen(data), &r,
                                    &err),
                     0);
    arc_result *again = check(&fx, "drafts/青禾区.txt", FLAWED);
    /* Scribble over the input and free it. */
    memset(data, 'x', strlen(data));
    memset(path, 'y', strlen(path));
    free(data);
    free(path);
    ck_assert_str_eq(arc_result_path(r), "drafts/青禾区.txt");
    ck_assert_str_eq(arc_result_title(r), "青禾区2025年度法治政府建设情况报告");
    const arc_finding *ph =
        arc_test_find(arc_result_findings(r), "placeholder.found");
    ck_assert_ptr_nonnull(ph);
    ck_assert_str_eq(ph->path, "drafts/青禾区.txt");
    ck_assert_str_eq(ph->evidence, "XX");
    ck_assert_int_eq(ph->line, 4);
    assert_same_findings(arc_result_findings(r), arc_result_findings(again));
    /* The corpus pass reads the results alone. */
    arc_result *both[2] = {r, again};
    ck_assert_int_eq(arc_run_corpus(fx.run, both, 2, &err), 0);
    ck_assert_uint_eq(arc_test_count(arc_result_findings(r), "file.duplicate"),
                      1);
    arc_result_free(r);
    arc_result_free(again);
    fixture_free(&fx);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("run");
    TCase *tc = tcase_create("run");
    tcase_add_test(tc, test_run_shared_by_checkers);
    tcase_add_test(tc, test_checker_of_other_rule_set_refused);
    tcase_add_test(tc, test_run_new_needs_rule_set);
    suite_add_tcase(s, tc);

    tc = tcase_create("results");
    tcase_add_test(tc, test_checked_result);
    tcase_add_test(tc, test_missing_file_is_unreadable);
    tcase_add_test(tc, test_published_override);
    tcase_add_test(tc, test_keep_text);
    tcase_add_test(tc, test_config_ignore);
    tcase_add_test(tc, test_result_outlives_input);
    tcase_add_test(tc, test_time_limit);
    suite_add_tcase(s, tc);

    tc = tcase_create("corpus");
    tcase_add_test(tc, test_corpus_duplicates);
    tcase_add_test(tc, test_corpus_different_texts);
    tcase_add_test(tc, test_corpus_three_copies_and_unreadable);
    tcase_add_test(tc, test_corpus_ignored_and_disabled);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

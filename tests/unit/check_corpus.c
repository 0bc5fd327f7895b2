/* check_corpus.c - checks across the reports of a batch (corpus.c,
 * corpus_pairs.c, corpus_copy.c, corpus_plan.c, digest.c) through the
 * pipeline with rules/annual-report.yaml: text copied between units
 * (reported in both, naming the other), boilerplate frequent across the
 * batch ignored, renaming a unit changes nothing, last year's report
 * recycled and a stale year, reference reports, plan follow-up, the same
 * findings whatever the order of the results and the number of threads
 * of the corpus pass. */
#include "testutil.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    arc_ruleset *rs;
    arc_run *run, *ref;
    arc_checker *c;
} fixture;

static void fixture_make(fixture *fx)
{
    fx->rs = arc_test_default_rules();
    arc_run_opts ro = {0};
    ro.rs = fx->rs;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_new(&fx->run, &ro, &err), 0);
    ro.flags = ARC_RUN_REFERENCE;
    ck_assert_int_eq(arc_run_new(&fx->ref, &ro, &err), 0);
    ck_assert_int_eq(arc_checker_new(&fx->c, fx->rs), 0);
}

static void fixture_free(fixture *fx)
{
    arc_checker_free(fx->c);
    arc_run_free(fx->run);
    arc_run_free(fx->ref);
    arc_ruleset_free(fx->rs);
}

static arc_result *check_with(const arc_run *run, const fixture *fx,
                              const char *path, const char *text)
{
    arc_result *r = NULL;
    arc_error err = {0};
    ck_assert_int_eq(
        arc_run_buffer(run, fx->c, path, text, strlen(text), &r, &err), 0);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_CHECKED);
    return r;
}

static arc_result *check(const fixture *fx, const char *path,
                         const char *text)
{
    return check_with(fx->run, fx, path, text);
}

static void corpus(const fixture *fx, arc_result **r, size_t n)
{
    arc_error err = {0};
    ck_assert_int_eq(arc_run_corpus(fx->run, r, n, &err), 0);
}

static size_t count(const arc_result *r, const char *rule)
{
    return arc_test_count(arc_result_findings(r), rule);
}

static const arc_finding *find(const arc_result *r, const char *rule)
{
    return arc_test_find(arc_result_findings(r), rule);
}

/* Pseudo-random ideographs: text no two reports share by chance. */
static void random_han(char *out, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned cp = 0x4E00 + (seed >> 16) % 6000;
        *out++ = (char)(0xE0 | cp >> 12);
        *out++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *out++ = (char)(0x80 | (cp & 0x3F));
        if (i % 40 == 39)
            *out++ = '.';
    }
    *out = '\0';
}

/* A report of `unit` for `year`: title, the measures part (own text of
 * `own` characters from `seed`, then `shared`), and the other parts. */
static char *report(const char *unit, int year, unsigned seed, size_t own,
                    const char *shared, const char *plan)
{
    char *mine = malloc(own * 4 + 16), after[200];
    random_han(mine, own, seed);
    /* Own words after the shared part too: the parts below are the same
     * in every report. */
    random_han(after, 30, seed + 1000);
    size_t len = strlen(mine) + strlen(shared) + strlen(plan) + 1024;
    char *s = malloc(len);
    snprintf(s, len,
             "%s%d年度法治政府建设情况报告\n"
             "一、主要举措和成效\n"
             "%s\n"
             "%s\n"
             "%s\n"
             "二、存在的不足和原因\n"
             "基层执法力量仍然薄弱。\n"
             "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
             "主要负责人带头学法。\n"
             "四、%d年工作安排\n"
             "%s\n",
             unit, year, mine, shared, after, year + 1,
             plan[0] ? plan : "继续完善制度。");
    free(mine);
    return s;
}

/* A passage of n characters no report has by chance. */
static char *passage(size_t n, unsigned seed)
{
    char *p = malloc(n * 4 + 16);
    random_han(p, n, seed);
    return p;
}

/* ------------------------------------------------------ between units */

START_TEST(copy_between_units_reported_in_both)
{
    fixture fx;
    fixture_make(&fx);
    char *p = passage(300, 99);
    char *a = report("青禾区", 2025, 1, 200, p, "");
    char *b = report("云溪县", 2025, 2, 200, p, "");
    arc_result *r[2] = {check(&fx, "a.txt", a), check(&fx, "b.txt", b)};
    corpus(&fx, r, 2);
    for (int i = 0; i < 2; i++) {
        ck_assert_uint_eq(count(r[i], "copy.between-units"), 1);
        const arc_finding *f = find(r[i], "copy.between-units");
        const char *other = i ? "a.txt" : "b.txt";
        ck_assert_str_eq(f->related_path, other);
        ck_assert_int_eq(f->line, 4); /* the shared passage */
        ck_assert_int_eq(f->related_line, 4);
        ck_assert_ptr_nonnull(strstr(f->message, other));
        ck_assert_ptr_nonnull(strstr(f->evidence, other));
        ck_assert_uint_ge(arc_result_shared_count(r[i]), 1);
        const arc_shared_passage *sp = arc_result_shared(r[i], 0);
        ck_assert_str_eq(sp->other, other);
        ck_assert_uint_ge(sp->chars, 250);
        const arc_scorecard *card = arc_result_scorecard(r[i]);
        ck_assert(card->compared & ARC_CARD_SHARED);
        ck_assert(card->shared_max > 0.4 && card->shared_max < 0.8);
    }
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    free(a);
    free(b);
    free(p);
    fixture_free(&fx);
}
END_TEST

START_TEST(copy_between_units_needs_same_year_and_length)
{
    fixture fx;
    fixture_make(&fx);
    char *p = passage(300, 99), *shortp = passage(60, 98);
    /* Other years: not a copy between units of one year. */
    char *a = report("青禾区", 2025, 1, 200, p, "");
    char *b = report("云溪县", 2024, 2, 200, p, "");
    /* 60 shared characters: below min_chars. */
    char *c = report("白石镇", 2025, 3, 200, shortp, "");
    char *d = report("东湖街道", 2025, 4, 200, shortp, "");
    /* The same unit, the same year twice: file.duplicate's business or a
     * revision, not a copy between units. */
    arc_result *r[4] = {check(&fx, "a.txt", a), check(&fx, "b.txt", b),
                        check(&fx, "c.txt", c), check(&fx, "d.txt", d)};
    corpus(&fx, r, 4);
    for (int i = 0; i < 4; i++) {
        ck_assert_uint_eq(count(r[i], "copy.between-units"), 0);
        ck_assert_uint_eq(count(r[i], "copy.previous-year"), 0);
        arc_result_free(r[i]);
    }
    free(a), free(b), free(c), free(d), free(p), free(shortp);
    fixture_free(&fx);
}
END_TEST

/* Text in at least 5% of the reports and in 20 of them is common wording;
 * in 19 reports it is still a copy. */
START_TEST(boilerplate_frequent_in_batch_ignored)
{
    fixture fx;
    fixture_make(&fx);
    char *p = passage(200, 77);
    for (int n = 19; n <= 20; n++) {
        arc_result *r[20];
        for (int i = 0; i < n; i++) {
            char unit[32], path[32];
            snprintf(unit, sizeof unit, "第%d区", i + 1);
            snprintf(path, sizeof path, "r%02d.txt", i);
            char *t = report(unit, 2025, 100 + (unsigned)i, 300, p, "");
            r[i] = check(&fx, path, t);
            free(t);
        }
        corpus(&fx, r, (size_t)n);
        size_t found = 0;
        for (int i = 0; i < n; i++) {
            found += count(r[i], "copy.between-units");
            arc_result_free(r[i]);
        }
        if (n == 19)
            ck_assert_uint_eq(found, 19 * 3); /* each names 3 others */
        else
            ck_assert_uint_eq(found, 0);
    }
    free(p);
    fixture_free(&fx);
}
END_TEST

/* Renaming a unit (another name, of another length) changes nothing in the
 * copy findings: the unit's own name is masked before fingerprinting.  The
 * copied text names the unit every 12 characters, so that without the
 * mask no k-gram (15 characters) would be shared at all. */
static char *naming_text(const char *chunks, const char *unit)
{
    char *s = malloc(strlen(chunks) * 2 + 64 * strlen(unit) + 16), *o = s;
    const char *c = chunks;
    for (int i = 0; i < 24 && *c; i++) {
        memcpy(o, c, 36); /* 12 ideographs */
        o += 36;
        c += 36;
        o += sprintf(o, "%s", unit);
    }
    *o = '\0';
    return s;
}

START_TEST(renaming_unit_changes_nothing)
{
    fixture fx;
    fixture_make(&fx);
    const char *names[] = {"云溪县", "白石镇", "临川街道办事处", "金沙江路街道"};
    char *chunks = malloc(400 * 4);
    random_han(chunks, 24 * 12, 55);
    /* random_han puts a '.' after every 40: drop them. */
    char *o = chunks;
    for (const char *c = chunks; *c; c++)
        if (*c != '.')
            *o++ = *c;
    *o = '\0';
    char *msg = NULL;
    int line = 0, col = 0;
    size_t nshared = 0;
    for (size_t k = 0; k < ARC_ARRAY_LEN(names); k++) {
        char *mine = naming_text(chunks, "青禾区");
        char *theirs = naming_text(chunks, names[k]);
        char *a = report("青禾区", 2025, 1, 200, mine, "");
        char *b = report(names[k], 2025, 2, 200, theirs, "");
        arc_result *r[2] = {check(&fx, "a.txt", a), check(&fx, "b.txt", b)};
        corpus(&fx, r, 2);
        const arc_finding *f = find(r[0], "copy.between-units");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(count(r[0], "copy.between-units"), 1);
        ck_assert_uint_eq(count(r[1], "copy.between-units"), 1);
        if (!msg) {
            msg = strdup(f->message);
            line = f->line;
            col = f->column;
            nshared = arc_result_shared_count(r[0]);
        } else {
            ck_assert_str_eq(f->message, msg);
            ck_assert_int_eq(f->line, line);
            ck_assert_int_eq(f->column, col);
            ck_assert_uint_eq(arc_result_shared_count(r[0]), nshared);
        }
        arc_result_free(r[0]);
        arc_result_free(r[1]);
        free(a), free(b), free(mine), free(theirs);
    }
    free(msg);
    free(chunks);
    fixture_free(&fx);
}
END_TEST

/* --------------------------------------------------------- last year */

START_TEST(previous_year_recycled_and_stale_year)
{
    fixture fx;
    fixture_make(&fx);
    char *p = passage(400, 42);
    /* 2025's report keeps a paragraph of 2024's with "2024年" in it. */
    char stale[4096];
    char *q = passage(80, 43);
    snprintf(stale, sizeof stale, "%s\n2024年，我区%s", p, q);
    char *a = report("青禾区", 2024, 1, 100, stale, "");
    char *b = report("青禾区", 2025, 2, 100, stale, "");
    arc_result *r[2] = {check(&fx, "2024.txt", a), check(&fx, "2025.txt", b)};
    corpus(&fx, r, 2);
    /* Only the later report is told. */
    ck_assert_uint_eq(count(r[0], "copy.previous-year"), 0);
    ck_assert_uint_ge(count(r[1], "copy.previous-year"), 2);
    int warned = 0, stale_err = 0;
    const arc_findings *f = arc_result_findings(r[1]);
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        if (strcmp(fi->rule, "copy.previous-year") != 0)
            continue;
        ck_assert_str_eq(fi->related_path, "2024.txt");
        if (fi->severity == ARC_SEV_ERROR) {
            stale_err++;
            ck_assert_int_eq(fi->line, 5);
            ck_assert_int_eq(fi->column, 1);
            ck_assert_ptr_nonnull(strstr(fi->message, "2024年"));
        } else
            warned++;
    }
    ck_assert_int_eq(stale_err, 1);
    ck_assert_int_ge(warned, 1);
    ck_assert_uint_eq(count(r[1], "copy.between-units"), 0);
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    free(a), free(b), free(p), free(q);
    fixture_free(&fx);
}
END_TEST

START_TEST(reference_reports_feed_but_get_nothing)
{
    fixture fx;
    fixture_make(&fx);
    char *p = passage(400, 42);
    char *a = report("青禾区", 2024, 1, 100, p, "");
    char *b = report("青禾区", 2025, 2, 100, p, "");
    arc_result *r[2] = {check(&fx, "2025.txt", b),
                        check_with(fx.ref, &fx, "prev/2024.txt", a)};
    /* A reference report's own findings are dropped. */
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[1])), 0);
    corpus(&fx, r, 2);
    ck_assert_uint_ge(count(r[0], "copy.previous-year"), 1);
    ck_assert_str_eq(find(r[0], "copy.previous-year")->related_path,
                     "prev/2024.txt");
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r[1])), 0);
    ck_assert_uint_eq(arc_result_shared_count(r[1]), 0);
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    free(a), free(b), free(p);
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------- plans */

START_TEST(plan_items_followed_or_not)
{
    fixture fx;
    fixture_make(&fx);
    const char *plan = "（一）推行行政复议案件繁简分流，压缩简易案件审理期限。\n"
                       "（二）建设覆盖全区的公共法律服务站点网络。\n"
                       "（三）组织旁听庭审和案卷评查活动。\n";
    char *a = report("青禾区", 2024, 1, 100, "", plan);
    char *b = report("青禾区", 2025, 2, 100,
                     "推行行政复议案件繁简分流，简易案件审理期限压缩至二十日。"
                     "组织旁听庭审活动三次，开展案卷评查。",
                     "");
    arc_result *r[2] = {check(&fx, "2024.txt", a), check(&fx, "2025.txt", b)};
    corpus(&fx, r, 2);
    ck_assert_uint_eq(count(r[1], "plan.not-followed"), 1);
    const arc_finding *f = find(r[1], "plan.not-followed");
    ck_assert_ptr_nonnull(strstr(f->message, "公共法律服务"));
    ck_assert_str_eq(f->related_path, "2024.txt");
    ck_assert_int_eq(f->related_line, 12);
    const arc_scorecard *card = arc_result_scorecard(r[1]);
    ck_assert(card->compared & ARC_CARD_PLAN);
    ck_assert_int_eq(card->plan_items, 3);
    ck_assert_int_eq(card->plan_not_followed, 1);
    ck_assert_uint_eq(arc_result_plan_count(r[1]), 3);
    ck_assert_int_eq(arc_result_plan_item(r[1], 0)->followed, 1);
    ck_assert_int_eq(arc_result_plan_item(r[1], 1)->followed, 0);
    ck_assert_int_eq(arc_result_plan_item(r[1], 2)->followed, 1);
    ck_assert_ptr_null(arc_result_plan_item(r[1], 3));
    /* The earlier report has no plan before it. */
    ck_assert(!(arc_result_scorecard(r[0])->compared & ARC_CARD_PLAN));
    ck_assert_uint_eq(count(r[0], "plan.not-followed"), 0);
    arc_result_free(r[0]);
    arc_result_free(r[1]);
    free(a), free(b);
    fixture_free(&fx);
}
END_TEST

/* The weights of the plan follow-up are the bigrams' rarity in the batch
 * (README, "Checks across reports"): reports that use none of an item's
 * words change nothing; many that use the words the report matched make
 * those words weigh less, and the item is then not followed. */
START_TEST(plan_weights_come_from_the_batch)
{
    fixture fx;
    fixture_make(&fx);
    const char *plan = "（一）推行行政复议案件繁简分流，压缩简易案件审理期限。\n";
    const char *done = "推行行政复议案件繁简分流。";
    char *a = report("青禾区", 2024, 1, 100, "", plan);
    char *b = report("青禾区", 2025, 2, 100, done, "");
    enum { OTHERS = 24 };
    double score[3];
    int followed[3];
    for (int round = 0; round < 3; round++) {
        /* 0: the two reports; 1: with others sharing none of the item's
         * words; 2: with others using the words the report matched. */
        arc_result *r[2 + OTHERS];
        char *t[OTHERS];
        size_t n = 2;
        r[0] = check(&fx, "2024.txt", a);
        r[1] = check(&fx, "2025.txt", b);
        for (int i = 0; round && i < OTHERS; i++) {
            char path[32];
            snprintf(path, sizeof path, "other%d.txt", i);
            t[i] = report("云溪县", 2025, 100 + (unsigned)i, 100,
                          round == 2 ? done : "", "");
            r[n++] = check(&fx, path, t[i]);
        }
        corpus(&fx, r, n);
        ck_assert_uint_eq(arc_result_plan_count(r[1]), 1);
        score[round] = arc_result_plan_item(r[1], 0)->score;
        followed[round] = arc_result_plan_item(r[1], 0)->followed;
        for (size_t i = 0; i < n; i++)
            arc_result_free(r[i]);
        for (int i = 0; round && i < OTHERS; i++)
            free(t[i]);
    }
    ck_assert_int_eq(followed[0], 1);
    ck_assert_double_eq_tol(score[1], score[0], 1e-9);
    ck_assert_int_eq(followed[1], 1);
    ck_assert_double_lt(score[2], score[0]);
    ck_assert_msg(!followed[2], "scores %.3f %.3f %.3f", score[0], score[1],
                  score[2]);
    free(a), free(b);
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------- order */

/* The findings of a report do not depend on where it sits in the batch
 * (what -j changes is only when results arrive, not their order; this
 * asks more). */
START_TEST(same_findings_in_any_order)
{
    fixture fx;
    fixture_make(&fx);
    char *p = passage(300, 7), *q = passage(300, 8);
    char *t[4] = {report("青禾区", 2025, 1, 200, p, ""),
                  report("云溪县", 2025, 2, 200, p, ""),
                  report("白石镇", 2025, 3, 200, q, ""),
                  report("白石镇", 2024, 4, 200, q, "")};
    const char *paths[4] = {"a.txt", "b.txt", "c.txt", "d.txt"};
    char *got[2][4];
    for (int order = 0; order < 2; order++) {
        arc_result *r[4];
        for (int i = 0; i < 4; i++) {
            int k = order ? 3 - i : i;
            r[i] = check(&fx, paths[k], t[k]);
        }
        corpus(&fx, r, 4);
        for (int i = 0; i < 4; i++) {
            int k = order ? 3 - i : i;
            const arc_findings *f = arc_result_findings(r[i]);
            size_t len = 1;
            for (size_t j = 0; j < arc_findings_count(f); j++)
                len += strlen(arc_findings_get(f, j)->message) + 32;
            char *s = calloc(1, len);
            for (size_t j = 0; j < arc_findings_count(f); j++) {
                const arc_finding *fi = arc_findings_get(f, j);
                sprintf(s + strlen(s), "%s:%d:%s\n", fi->rule, fi->line,
                        fi->message);
            }
            got[order][k] = s;
            arc_result_free(r[i]);
        }
    }
    for (int k = 0; k < 4; k++) {
        ck_assert_str_eq(got[0][k], got[1][k]);
        free(got[0][k]);
        free(got[1][k]);
        free(t[k]);
    }
    free(p), free(q);
    fixture_free(&fx);
}
END_TEST

/* The corpus pass splits its work among threads (arc_run_opts.jobs): the
 * same findings and shared passages for every number of them, pairs
 * found by each thread included. */
START_TEST(same_findings_for_any_jobs)
{
    fixture fx;
    fixture_make(&fx);
    char *p = passage(300, 17), *q = passage(300, 18);
    enum { N = 7 };
    char *t[N] = {report("青禾区", 2025, 1, 200, p, ""),
                  report("云溪县", 2025, 2, 200, p, ""),
                  report("白石镇", 2025, 3, 200, q, ""),
                  report("白石镇", 2024, 4, 200, q, ""),
                  report("松山乡", 2025, 5, 200, p, ""),
                  report("松山乡", 2024, 6, 200, q, ""),
                  report("河口街道", 2025, 7, 200, q, "")};
    static const unsigned jobs[] = {1, 2, 3, 5, 64};
    char *got[ARC_ARRAY_LEN(jobs)];
    for (size_t jx = 0; jx < ARC_ARRAY_LEN(jobs); jx++) {
        arc_run_opts ro = {0};
        ro.rs = fx.rs;
        ro.jobs = jobs[jx];
        arc_run *run = NULL;
        arc_error err = {0};
        ck_assert_int_eq(arc_run_new(&run, &ro, &err), 0);
        arc_result *r[N];
        char path[16];
        for (int i = 0; i < N; i++) {
            snprintf(path, sizeof path, "%c.txt", 'a' + i);
            r[i] = check_with(run, &fx, path, t[i]);
        }
        ck_assert_int_eq(arc_run_corpus(run, r, N, &err), 0);
        arc_buf b = {0};
        size_t copies = 0;
        for (int i = 0; i < N; i++) {
            const arc_findings *f = arc_result_findings(r[i]);
            for (size_t j = 0; j < arc_findings_count(f); j++) {
                const arc_finding *fi = arc_findings_get(f, j);
                copies += strncmp(fi->rule, "copy.", 5) == 0;
                ck_assert_int_eq(arc_buf_puts(&b, fi->rule), 0);
                ck_assert_int_eq(arc_buf_puts(&b, fi->message), 0);
                ck_assert_int_eq(arc_buf_puts(&b, "\n"), 0);
            }
            for (size_t j = 0; j < arc_result_shared_count(r[i]); j++) {
                const arc_shared_passage *sp = arc_result_shared(r[i], j);
                char line[64];
                snprintf(line, sizeof line, "%d:%zu:%s\n", sp->line,
                         sp->chars, sp->other);
                ck_assert_int_eq(arc_buf_puts(&b, line), 0);
            }
            arc_result_free(r[i]);
        }
        /* Copies between units and from the year before are found. */
        ck_assert_uint_ge(copies, 8);
        got[jx] = b.data;
        arc_run_free(run);
    }
    for (size_t jx = 1; jx < ARC_ARRAY_LEN(jobs); jx++) {
        ck_assert_str_eq(got[0], got[jx]);
        free(got[jx]);
    }
    free(got[0]);
    for (int i = 0; i < N; i++)
        free(t[i]);
    free(p), free(q);
    fixture_free(&fx);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, copy_between_units_reported_in_both);
    tcase_add_test(tc, copy_between_units_needs_same_year_and_length);
    tcase_add_test(tc, boilerplate_frequent_in_batch_ignored);
    tcase_add_test(tc, renaming_unit_changes_nothing);
    tcase_add_test(tc, previous_year_recycled_and_stale_year);
    tcase_add_test(tc, reference_reports_feed_but_get_nothing);
    tcase_add_test(tc, plan_items_followed_or_not);
    tcase_add_test(tc, plan_weights_come_from_the_batch);
    tcase_add_test(tc, same_findings_in_any_order);
    tcase_add_test(tc, same_findings_for_any_jobs);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

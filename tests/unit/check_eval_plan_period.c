/* check_eval_plan_period.c - the plan_period rule kind: a named plan's
 * period against the periods the rule set knows. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#define RULES                                                                  \
    "version: 1\n"                                                             \
    "rules:\n"                                                                 \
    "  - id: t.period\n"                                                       \
    "    kind: plan_period\n"                                                  \
    "    severity: warning\n"                                                  \
    "    message: '{plan}|{found}|{known}|{evidence}'\n"                       \
    "    plans:\n"                                                             \
    "      - name: 纲要\n"                                                     \
    "        before: '(?:^|[《、])建设纲要\\s*\\(\\s*$'\n"                      \
    "        periods: [2015-2020, 2021-2025]\n"                                \
    "      - name: 行动计划\n"                                                 \
    "        after: '\\s*行动计划'\n"                                          \
    "        periods: [2022-2024]\n"

static arc_findings *run(const char *text)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = arc_test_check(rs, text);
    arc_ruleset_free(rs);
    return f;
}

static size_t hits(const char *text)
{
    arc_findings *f = run(text);
    size_t n = arc_test_count(f, "t.period");
    arc_findings_free(f);
    return n;
}

START_TEST(test_unknown_period_reported)
{
    arc_findings *f = run("正文。\n依据《建设纲要(2021—2024年)》推进。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->message, "纲要|2021—2024年|2015—2020年、2021—2025年|"
                                  "《建设纲要(2021—2024年)》");
    ck_assert_int_eq(fi->line, 2);
    ck_assert_int_eq(fi->column, 3);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_known_periods_quiet)
{
    ck_assert_uint_eq(hits("正文。\n《建设纲要(2021—2025年)》《建设纲要(2015-2020年)》\n"),
                      0);
    /* Full-width brackets and dash fold; 年 on both sides or none. */
    ck_assert_uint_eq(hits("正文。\n《建设纲要（２０２１－２０２５年）》\n"), 0);
    ck_assert_uint_eq(hits("正文。\n《建设纲要(2021年—2025年)》\n"), 0);
    ck_assert_uint_eq(hits("正文。\n《建设纲要(2021-2025)》\n"), 0);
}
END_TEST

START_TEST(test_period_forms_reported)
{
    ck_assert_uint_eq(hits("正文。\n《建设纲要(2021年—2024年)》\n"), 1);
    ck_assert_uint_eq(hits("正文。\n《建设纲要(2016-2020)》\n"), 1);
    ck_assert_uint_eq(hits("正文。\n《建设纲要（２０２０～２０２５年）》\n"), 1);
}
END_TEST

START_TEST(test_name_must_end_at_period)
{
    /* Another plan's period; the name further back does not count. */
    ck_assert_uint_eq(hits("正文。\n《建设纲要》和《实施方案(2021—2023年)》\n"), 0);
    /* A province's own 纲要 (the pattern wants 《 or 、 before it). */
    ck_assert_uint_eq(hits("正文。\n《江岭省建设纲要(2016—2020年)》\n"), 0);
    /* A year range that is no plan. */
    ck_assert_uint_eq(hits("正文。\n2021—2024年共办理案件120件。\n"), 0);
    /* The dash-lost form is date.malformed's, not a period. */
    ck_assert_uint_eq(hits("正文。\n《建设纲要(20212024年)》\n"), 0);
}
END_TEST

START_TEST(test_after_pattern)
{
    arc_findings *f = run("正文。\n制定2022—2025年行动计划。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->evidence, "2022—2025年行动计划");
    arc_findings_free(f);
    ck_assert_uint_eq(hits("正文。\n制定2022—2024年行动计划。\n"), 0);
}
END_TEST

static void load_fails(const char *plans, const char *needle)
{
    char y[2048];
    snprintf(y, sizeof y,
             "version: 1\nrules:\n  - id: t\n    kind: plan_period\n"
             "    severity: info\n    message: m\n%s",
             plans);
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    ck_assert_int_ne(arc_ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), &err),
                     0);
    ck_assert_msg(strstr(err.message, needle) != NULL, "%s", err.message);
}

START_TEST(test_load_errors)
{
    load_fails("", "plans");
    load_fails("    plans:\n      - name: a\n        periods: [2021-2025]\n",
               "before");
    load_fails("    plans:\n      - name: a\n        before: 'a$'\n"
               "        periods: [2025-2021]\n",
               "2021-2025");
    load_fails("    plans:\n      - name: a\n        before: 'a$'\n"
               "        periods: [二〇二一]\n",
               "起始年");
    load_fails("    plans:\n      - name: a\n        before: 'a$'\n"
               "        periods: [2021-2025]\n        extra: 1\n",
               "extra");
}
END_TEST

START_TEST(test_default_rules)
{
    arc_ruleset *rs = arc_test_default_rules();
    /* A report's title: a text without a title, a year or a heading
     * is no report (doc.type) and gets no other finding. */
    static const char *const bad[] = {
        "青禾区2025年度法治政府建设情况报告\n按照中共中央、国务院《法治政府建设实施纲要(2021—2024年)》。\n",
        "青禾区2025年度法治政府建设情况报告\n落实《临江市法治政府建设规划(2021年-2026年)》。\n",
        "青禾区2025年度法治政府建设情况报告\n贯彻《法治中国建设规划(2021—2025年)》。\n",
    };
    static const char *const good[] = {
        "青禾区2025年度法治政府建设情况报告\n按照《法治政府建设实施纲要(2021—2025年)》。\n",
        "青禾区2025年度法治政府建设情况报告\n落实《江岭省法治政府建设规划(2016-2020年)》。\n",
        "青禾区2025年度法治政府建设情况报告\n贯彻《法治中国建设规划(2020—2025年)》和“八五”普法规划(2021-2025年)。\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        arc_findings *f = arc_test_check(rs, bad[i]);
        ck_assert_msg(arc_test_count(f, "plan.period") == 1, "bad %zu", i);
        arc_findings_free(f);
    }
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        arc_findings *f = arc_test_check(rs, good[i]);
        ck_assert_msg(arc_test_count(f, "plan.period") == 0, "good %zu", i);
        arc_findings_free(f);
    }
    arc_ruleset_free(rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eval_plan_period");
    TCase *tc = tcase_create("plan_period");
    tcase_add_test(tc, test_unknown_period_reported);
    tcase_add_test(tc, test_known_periods_quiet);
    tcase_add_test(tc, test_period_forms_reported);
    tcase_add_test(tc, test_name_must_end_at_period);
    tcase_add_test(tc, test_after_pattern);
    tcase_add_test(tc, test_load_errors);
    tcase_add_test(tc, test_default_rules);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

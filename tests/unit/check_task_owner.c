/* check_task_owner.c - tasks of a work plan and their responsible units
 * (eval_task_owner.c), with the shipped work-plan profile reached through
 * the default rule set (a work plan's title sends it to that profile). */
#include "testutil.h"

#include <string.h>

#define TITLE "青禾区2026年法治政府建设工作要点\n"

static arc_ruleset *rs;

static void setup(void)
{
    rs = arc_test_default_rules();
}

static void teardown(void)
{
    arc_ruleset_free(rs);
    rs = NULL;
}

/* Findings of task.owner on text, and the first one's line. */
static size_t owners(const char *text, int *line)
{
    arc_findings *f = arc_test_check(rs, text);
    size_t n = arc_test_count(f, "task.owner");
    const arc_finding *fi = arc_test_find(f, "task.owner");
    if (line)
        *line = fi ? fi->line : 0;
    ck_assert_uint_eq(arc_test_count(f, "doc.type"), 0);
    arc_findings_free(f);
    return n;
}

START_TEST(test_line_below)
{
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n(一)健全机制。\n责任单位:区司法局\n"
                                   "(二)强化监督。\n牵头单位:区政府办公室\n",
                             NULL),
                      0);
}
END_TEST

START_TEST(test_parenthesis_at_end)
{
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(责任单位:区司法局)\n"
                                   "2.强化监督。(区审计局负责)\n"
                                   "3.规范执法。(区司法局牵头负责)\n",
                             NULL),
                      0);
}
END_TEST

START_TEST(test_lead_and_support_pairs)
{
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(区司法局牵头,各街镇配合)\n"
                                   "2.强化监督。\n牵头单位:区司法局;配合单位:区审计局\n"
                                   "3.规范执法。\n牵头单位:区司法局\n配合单位:各街镇\n",
                             NULL),
                      0);
}
END_TEST

START_TEST(test_several_units)
{
    /* Joined by 、 and ；(full width, folded to ;): none is empty. */
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(责任单位:区司法局、区审计局；各街镇)\n",
                             NULL),
                      0);
    int line = 0;
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(责任单位:区司法局、XX局；各街镇)\n",
                             &line),
                      1);
    ck_assert_int_eq(line, 3);
}
END_TEST

START_TEST(test_missing_at_the_task)
{
    int line = 0;
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(责任单位:区司法局)\n"
                                   "2.强化监督。\n3.规范执法。(责任单位:区司法局)\n",
                             &line),
                      1);
    ck_assert_int_eq(line, 4);
}
END_TEST

START_TEST(test_empty_and_placeholder)
{
    int line = 0;
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n(一)健全机制。\n责任单位:\n", &line), 1);
    ck_assert_int_eq(line, 4);
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(责任单位: )\n", NULL), 1);
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(责任单位:待定)\n", NULL), 1);
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。(负责)\n", NULL), 1);
}
END_TEST

START_TEST(test_what_is_a_task)
{
    /* Headings with items below are not tasks; 一是 points are inside a
     * task; 总体要求 holds no tasks. */
    ck_assert_uint_eq(owners(TITLE "一、总体要求\n(一)指导思想。坚持依法行政。\n"
                                   "二、完善制度\n(一)健全机制\n1.一是完善规则,二是加强审查。(责任单位:区司法局)\n",
                             NULL),
                      0);
    /* One level of numbering: the top-level items are the tasks. */
    ck_assert_uint_eq(owners(TITLE "一、健全机制。(责任单位:区司法局)\n二、强化监督。\n",
                             NULL),
                      1);
}
END_TEST

START_TEST(test_plan_wide_owner)
{
    ck_assert_uint_eq(owners(TITLE "责任部门:区司法局\n一、完善制度\n1.健全机制。\n2.强化监督。\n",
                             NULL),
                      0);
    ck_assert_uint_eq(owners(TITLE "一、完善制度\n1.健全机制。\n2.强化监督。\n", NULL), 2);
}
END_TEST

START_TEST(test_profile_in_scorecard)
{
    arc_result *r = arc_test_result(rs, TITLE "一、完善制度\n1.健全机制。(责任单位:区司法局)\n", 0);
    ck_assert_str_eq(arc_result_scorecard(r)->profile, "work-plan");
    ck_assert_str_eq(arc_result_scorecard(r)->doc_type, "work-plan");
    arc_result_free(r);
    r = arc_test_result(rs, "青禾区2025年政府工作报告\n各位代表:\n一、过去一年\n正文。\n", 0);
    ck_assert_str_eq(arc_result_scorecard(r)->profile, "");
    arc_result_free(r);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("task_owner");
    TCase *tc = tcase_create("recognition");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_line_below);
    tcase_add_test(tc, test_parenthesis_at_end);
    tcase_add_test(tc, test_lead_and_support_pairs);
    tcase_add_test(tc, test_several_units);
    tcase_add_test(tc, test_missing_at_the_task);
    tcase_add_test(tc, test_empty_and_placeholder);
    tcase_add_test(tc, test_what_is_a_task);
    tcase_add_test(tc, test_plan_wide_owner);
    tcase_add_test(tc, test_profile_in_scorecard);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

/* check_eval.c - the rule kinds (eval_*.c), part resolution and arc_emit
 * (eval.c): findings, positions, messages and evidence. */
#include "testutil.h"
#include "eval.h"
#include "regex.h"

#include <stdlib.h>
#include <string.h>

/* Four parts, as in the default rule set but with short key words. */
#define PARTS                                                                  \
    "version: 1\n"                                                             \
    "document:\n"                                                              \
    "  title_end: '(报告|要点)$'\n"                                            \
    "  types:\n"                                                               \
    "    - {id: work-plan, name: 工作要点, title: '工作要点'}\n"               \
    "    - {id: other, name: 政策解读, title: '解读'}\n"                       \
    "parts:\n"                                                                 \
    "  - id: measures\n"                                                       \
    "    name: 主要举措\n"                                                     \
    "    heading:\n"                                                           \
    "      - [举措, 成效]\n"                                                   \
    "  - id: shortcomings\n"                                                   \
    "    name: 存在的不足\n"                                                   \
    "    heading:\n"                                                           \
    "      - [不足, 问题]\n"                                                   \
    "    prose:\n"                                                             \
    "      - '仍存在[^。\\n]{0,10}不足'\n"                                     \
    "  - id: leader\n"                                                         \
    "    name: 第一责任人履职\n"                                               \
    "    heading:\n"                                                           \
    "      - [第一责任人]\n"                                                   \
    "  - id: plan\n"                                                           \
    "    name: 下一年度安排\n"                                                 \
    "    heading:\n"                                                           \
    "      - [安排, 打算]\n"                                                   \
    "rules:\n"

#define RULE_MISSING                                                           \
    "  - id: t.missing\n"                                                      \
    "    kind: part_presence\n"                                                \
    "    severity: error\n"                                                    \
    "    message: '缺少“{part}”'\n"                                            \
    "    report: missing\n"                                                    \
    "    parts: [measures, shortcomings, leader, plan]\n"

#define RULE_MISSING_PLAN                                                      \
    "  - id: t.missing\n"                                                      \
    "    kind: part_presence\n"                                                \
    "    severity: error\n"                                                    \
    "    message: '缺少“{part}”'\n"                                            \
    "    report: missing\n"                                                    \
    "    parts: [plan]\n"

#define RULE_PROSE                                                             \
    "  - id: t.prose\n"                                                        \
    "    kind: part_presence\n"                                                \
    "    severity: warning\n"                                                  \
    "    message: '“{part}”仅见于正文：{evidence}'\n"                          \
    "    report: prose\n"                                                      \
    "    parts: [measures, shortcomings, leader, plan]\n"

#define RULE_ORDER                                                             \
    "  - id: t.order\n"                                                        \
    "    kind: part_order\n"                                                   \
    "    severity: warning\n"                                                  \
    "    message: '“{part}”在“{before}”之前'\n"                                \
    "    order: [measures, shortcomings, plan]\n"

#define RULE_CAUSES                                                            \
    "  - id: t.causes\n"                                                       \
    "    kind: part_requires\n"                                                \
    "    severity: warning\n"                                                  \
    "    message: '“{part}”缺原因'\n"                                          \
    "    part: shortcomings\n"                                                 \
    "    any: [原因, 由于]\n"

#define RULE_EMPTY                                                             \
    "  - id: t.empty\n"                                                        \
    "    kind: empty_heading\n"                                                \
    "    severity: warning\n"                                                  \
    "    message: '空标题：{evidence}'\n"                                      \
    "    labels: '附件\\s*\\d*\\s*:?'\n"

#define RULE_GAP                                                               \
    "  - id: t.gap\n"                                                          \
    "    kind: numbering\n"                                                    \
    "    severity: warning\n"                                                  \
    "    message: '应为{expected}，实为{found}'\n"                             \
    "    check: gap\n"

#define RULE_DUP                                                               \
    "  - id: t.dup\n"                                                          \
    "    kind: numbering\n"                                                    \
    "    severity: info\n"                                                     \
    "    message: '重复{found}；标题《{title}》；{unknown}'\n"                 \
    "    check: duplicate\n"

#define RULE_DOCTYPE                                                           \
    "  - id: t.type\n"                                                         \
    "    kind: doc_type\n"                                                     \
    "    severity: error\n"                                                    \
    "    message: '本文件是{found}'\n"

/* A complete report for the custom parts: every part headed, in order,
 * causes given, numbering clean. */
#define GOOD_REPORT                                                            \
    "松川县2023年法治政府建设情况报告\n"                                       \
    "一、主要举措和成效\n"                                                     \
    "（一）带头学法\n"                                                         \
    "全年组织会前学法十次。\n"                                                 \
    "（二）规范执法\n"                                                         \
    "全年评查案卷两百卷。\n"                                                   \
    "二、存在的不足和原因\n"                                                   \
    "个别单位程序意识不强，主要由于培训不够。\n"                               \
    "三、第一责任人履职情况\n"                                                 \
    "县长带头研究法治工作。\n"                                                 \
    "四、下一年度工作安排\n"                                                   \
    "继续推进依法行政。\n"

static arc_findings *run(const char *rules_yaml, const char *text)
{
    arc_ruleset *rs = arc_test_rules(rules_yaml);
    arc_findings *f = arc_test_check(rs, text);
    arc_ruleset_free(rs);
    return f;
}

/* The structural rules of the default rule set (the ones this suite is
 * about); other rules of the default set (dates, sums ...) are ignored. */
static size_t structural(const arc_findings *f)
{
    static const char *const ids[] = {
        "doc.type",      "section.missing",        "section.prose-only",
        "section.order", "section.empty",          "shortcomings.no-causes",
        "numbering.gap", "numbering.duplicate"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        n += arc_test_count(f, ids[i]);
    return n;
}

static arc_findings *run_default(const char *text)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_findings *f = arc_test_check(rs, text);
    arc_ruleset_free(rs);
    return f;
}

/* ------------------------------------------------------------ a clean run */

START_TEST(test_good_report_has_no_findings)
{
    arc_findings *f = run(PARTS RULE_MISSING RULE_PROSE RULE_ORDER RULE_CAUSES
                              RULE_EMPTY RULE_GAP RULE_DUP RULE_DOCTYPE,
                          GOOD_REPORT);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_good_report_default_rules)
{
    arc_findings *f = run_default(GOOD_REPORT);
    ck_assert_uint_eq(structural(f), 0);
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ doc_type */

START_TEST(test_doc_type_work_plan_halts)
{
    const char *text = "松川县2024年法治政府建设工作要点\n"
                       "一、深化政府职能转变\n"
                       "1.动态调整权责清单。\n"
                       "3.推进一件事改革。\n";
    arc_findings *f = run_default(text);
    /* Not stopped by doc.type: the default set hands a work plan to its
     * work-plan profile, whose rules find the gap and the two tasks
     * without a responsible unit; the report's parts are not asked for. */
    ck_assert_ptr_null(arc_test_find(f, "doc.type"));
    ck_assert_ptr_null(arc_test_find(f, "section.missing"));
    const arc_finding *fi = arc_test_find(f, "numbering.gap");
    ck_assert_ptr_nonnull(fi);
    ck_assert_int_eq(fi->line, 4);
    size_t owners = 0;
    for (size_t i = 0; i < arc_findings_count(f); i++)
        owners += strcmp(arc_findings_get(f, i)->rule, "task.owner") == 0;
    ck_assert_uint_eq(owners, 2);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_doc_type_custom_halt_and_found)
{
    const char *rules = PARTS RULE_DOCTYPE RULE_MISSING;
    arc_findings *f = run(rules, "松川县法治政府建设工作要点\n一、甲\n内容\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "本文件是工作要点");
    arc_findings_free(f);
    /* The second type matches too. */
    f = run(rules, "关于松川县法治政府建设年度报告的解读\n一、甲\n内容\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "本文件是政策解读");
    arc_findings_free(f);
    /* An annual report: no doc type, the next rule runs (4 parts missing). */
    f = run(rules, "松川县法治政府建设年度报告\n一、甲\n内容\n");
    ck_assert_uint_eq(arc_test_count(f, "t.type"), 0);
    ck_assert_uint_eq(arc_test_count(f, "t.missing"), 4);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_doc_type_needs_title)
{
    /* 工作要点 in a heading is not the title. */
    arc_findings *f = run(PARTS RULE_DOCTYPE,
                          "一、工作要点落实情况\n全年完成。\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_doc_type_two_line_title_evidence_cut_at_line_end)
{
    arc_findings *f = run(PARTS RULE_DOCTYPE,
                          "松川县2024年法治政府建设\n"
                          "工作要点\n"
                          "一、深化改革\n"
                          "内容。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_int_eq(fi->line, 1);
    ck_assert_str_eq(fi->evidence, "松川县2024年法治政府建设");
    arc_findings_free(f);
}
END_TEST

/*
 * Regression (bug found by this suite, since fixed in eval.c): leading
 * U+3000 ideographic spaces were kept in the evidence although the comment
 * said they are trimmed at either end; a title indented with "　　" gave
 * evidence "　　松川县…".
 */
START_TEST(test_evidence_trims_leading_ideographic_space)
{
    arc_findings *f = run(PARTS RULE_DOCTYPE,
                          "\xE3\x80\x80\xE3\x80\x80松川县2024年法治政府建设工作要点\n"
                          "一、深化改革\n"
                          "内容。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->evidence,
                     "松川县2024年法治政府建设工作要点");
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ part_presence */

START_TEST(test_part_missing_whole_document)
{
    const char *text = "松川县2023年法治政府建设情况报告\n"
                       "一、主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "二、存在的不足和原因\n"
                       "由于人手紧张，部分工作滞后。\n"
                       "三、第一责任人履职情况\n"
                       "县长带头学法。\n";
    arc_findings *f = run(PARTS RULE_MISSING, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_test_find(f, "t.missing");
    ck_assert_ptr_nonnull(fi);
    ck_assert_int_eq(fi->line, 0);
    ck_assert_int_eq(fi->column, 0);
    ck_assert_uint_eq(fi->offset, 0);
    ck_assert_str_eq(fi->section, "plan");
    ck_assert_str_eq(fi->message, "缺少“下一年度安排”");
    ck_assert_str_eq(fi->evidence, "");
    ck_assert_int_eq(fi->severity, ARC_SEV_ERROR);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_missing_none_when_all_present)
{
    arc_findings *f = run(PARTS RULE_MISSING, GOOD_REPORT);
    ck_assert_uint_eq(arc_test_count(f, "t.missing"), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_missing_all_in_empty_document)
{
    arc_findings *f = run(PARTS RULE_MISSING, "");
    ck_assert_uint_eq(arc_findings_count(f), 4);
    /* Whole-document findings keep the order of `parts`. */
    ck_assert_str_eq(arc_findings_get(f, 0)->section, "measures");
    ck_assert_str_eq(arc_findings_get(f, 1)->section, "shortcomings");
    ck_assert_str_eq(arc_findings_get(f, 2)->section, "leader");
    ck_assert_str_eq(arc_findings_get(f, 3)->section, "plan");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_prose_finding_position)
{
    const char *text = "松川县2023年法治政府建设情况报告\n"
                       "一、主要举措和成效\n"
                       "全年工作有序推进，但仍存在一些不足。\n"
                       "二、第一责任人履职情况\n"
                       "县长带头学法。\n"
                       "三、下一年度工作安排\n"
                       "继续推进。\n";
    arc_findings *f = run(PARTS RULE_MISSING RULE_PROSE, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_test_find(f, "t.prose");
    ck_assert_ptr_nonnull(fi);
    ck_assert_int_eq(fi->line, 3);
    /* 全年工作有序推进，但仍: 仍 is character 11 (the comma is full width). */
    ck_assert_int_eq(fi->column, 11);
    size_t line3 = strlen("松川县2023年法治政府建设情况报告\n一、主要举措和成效\n");
    ck_assert_uint_eq(fi->offset, line3 + 10 * 3);
    ck_assert_str_eq(fi->section, "shortcomings");
    ck_assert_int_eq(fi->severity, ARC_SEV_WARNING);
    ck_assert_str_eq(fi->evidence, "仍存在一些不足。");
    ck_assert_str_eq(fi->message, "“存在的不足”仅见于正文：仍存在一些不足。");
    ck_assert_uint_eq(arc_test_count(f, "t.missing"), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_prose_not_in_opening_paragraph)
{
    /* The opening paragraph before the first heading does not count. */
    const char *text = "松川县2023年法治政府建设情况报告\n"
                       "全县法治建设稳步推进，但仍存在一些不足。\n"
                       "一、主要举措和成效\n"
                       "全年完成各项任务。\n";
    arc_findings *f = run(PARTS RULE_MISSING RULE_PROSE, text);
    ck_assert_uint_eq(arc_test_count(f, "t.prose"), 0);
    ck_assert_uint_eq(arc_test_count(f, "t.missing"), 3);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_heading_found_at_deeper_level)
{
    /* A part headed only at level 2 still has a heading: not prose. */
    const char *text = "一、主要举措和成效\n"
                       "全年仍存在一些不足。\n"
                       "（一）存在的问题\n"
                       "执法不规范。\n";
    arc_findings *f = run(PARTS RULE_PROSE, text);
    ck_assert_uint_eq(arc_test_count(f, "t.prose"), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_thematic_measures_default_rules)
{
    /* Measures titled by theme only: the first unclaimed top-level headings
     * count as the measures part. */
    const char *text = "松川县2023年法治政府建设情况报告\n"
                       "一、深化依法行政\n"
                       "全年完成各项任务。\n"
                       "二、存在的不足和原因\n"
                       "由于人手紧张，部分工作滞后。\n"
                       "三、党政主要负责人履行第一责任人职责情况\n"
                       "县长带头学法。\n"
                       "四、2024年工作安排\n"
                       "继续推进。\n";
    arc_findings *f = run_default(text);
    ck_assert_uint_eq(structural(f), 0);
    arc_findings_free(f);
}
END_TEST

/* The next-year part by the meaning of its heading (default rules): a plan
 * word or a look ahead, or a kind of work with a time to come; never a
 * 第一责任人 sub-item that mentions 重点工作, nor last year's work. */
static int next_year_missing(const char *last_heading)
{
    char text[1024];
    snprintf(text, sizeof text,
             "松川县2023年法治政府建设情况报告\n"
             "一、主要举措和成效\n"
             "全年完成各项任务。\n"
             "二、存在的不足和原因\n"
             "由于人手紧张，部分工作滞后。\n"
             "三、党政主要负责人履行第一责任人职责情况\n"
             "县长带头学法。\n"
             "%s\n"
             "牵头落实。\n",
             last_heading);
    arc_findings *f = run_default(text);
    int missing = 0;
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        missing |= strcmp(fi->rule, "section.missing") == 0 &&
                   strcmp(fi->section, "next_year") == 0;
    }
    arc_findings_free(f);
    return missing;
}

START_TEST(test_next_year_heading_by_meaning)
{
    static const char *const plan[] = {
        "四、下一步工作打算", "四、2024年工作思路", "四、今后努力方向",
        "四、2024年重点工作", "(一)下一步工作安排",
    };
    static const char *const not_plan[] = {
        "(一)带头抓好重点工作", "(一)2023年重点工作完成情况",
        "(一)统筹推进重点任务",
    };
    for (size_t i = 0; i < sizeof plan / sizeof *plan; i++)
        ck_assert_msg(!next_year_missing(plan[i]), "plan %zu", i);
    for (size_t i = 0; i < sizeof not_plan / sizeof *not_plan; i++)
        ck_assert_msg(next_year_missing(not_plan[i]), "not plan %zu", i);
}
END_TEST

START_TEST(test_heading_or_groups)
{
    /* heading_or: any one list of groups names the part; a group written
     * as one string is a pattern. */
    const char *y = "version: 1\n"
                    "parts:\n"
                    "  - id: plan\n"
                    "    name: 安排\n"
                    "    heading: [[打算]]\n"
                    "    heading_or:\n"
                    "      - [[重点], '\\d{4}年']\n"
                    "rules:\n" RULE_MISSING_PLAN;
    arc_findings *f = run(y, "题目报告\n一、2024年重点\n继续。\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
    f = run(y, "题目报告\n一、抓好重点\n继续。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    arc_findings_free(f);
    f = run(y, "题目报告\n一、工作打算\n继续。\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
    arc_error err = {0};
    arc_ruleset *rs = NULL;
    const char *bad = "version: 1\n"
                      "parts:\n"
                      "  - {id: plan, name: 安排, heading: [[打算]], "
                      "heading_or: [重点]}\n"
                      "rules: []\n";
    ck_assert_int_ne(
        arc_ruleset_load_buffer(&rs, "t.yaml", bad, strlen(bad), &err), 0);
}
END_TEST

/* ------------------------------------------------------------ part_order */

static const char *const plan_first =
    "松川县2023年法治政府建设情况报告\n"
    "一、主要举措和成效\n"
    "全年完成各项任务。\n"
    "二、下一年度工作安排\n"
    "继续推进。\n"
    "三、存在的不足和原因\n"
    "由于人手紧张，部分工作滞后。\n"
    "四、第一责任人履职情况\n"
    "县长带头学法。\n";

START_TEST(test_part_order_plan_before_shortcomings)
{
    arc_findings *f = run(PARTS RULE_ORDER, plan_first);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "t.order");
    ck_assert_int_eq(fi->line, 4);
    ck_assert_int_eq(fi->column, 1);
    ck_assert_str_eq(fi->section, "plan");
    ck_assert_str_eq(fi->message, "“下一年度安排”在“存在的不足”之前");
    ck_assert_str_eq(fi->evidence, "二、下一年度工作安排");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_order_default_rules)
{
    const char *text = "松川县2023年法治政府建设情况报告\n"
                       "一、2023年主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "二、2024年工作安排\n"
                       "继续推进。\n"
                       "三、存在的不足和原因\n"
                       "由于人手紧张，部分工作滞后。\n"
                       "四、党政主要负责人履行第一责任人职责情况\n"
                       "县长带头学法。\n";
    arc_findings *f = run_default(text);
    ck_assert_uint_eq(structural(f), 1);
    const arc_finding *fi = arc_test_find(f, "section.order");
    ck_assert_ptr_nonnull(fi);
    ck_assert_int_eq(fi->line, 4);
    ck_assert_int_eq(fi->column, 1);
    ck_assert_str_eq(fi->section, "next_year");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_order_first_responsible_first_is_fine)
{
    const char *text = "松川县2023年法治政府建设情况报告\n"
                       "一、第一责任人履职情况\n"
                       "县长带头学法。\n"
                       "二、主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "三、存在的不足和原因\n"
                       "由于人手紧张，部分工作滞后。\n"
                       "四、下一年度工作安排\n"
                       "继续推进。\n";
    arc_findings *f = run(PARTS RULE_ORDER RULE_MISSING, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
    f = run_default(text);
    ck_assert_uint_eq(structural(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_order_ignores_missing_parts)
{
    /* No shortcomings part: measures then plan is in order. */
    const char *text = "一、主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "二、下一年度工作安排\n"
                       "继续推进。\n";
    arc_findings *f = run(PARTS RULE_ORDER, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ part_requires */

START_TEST(test_part_requires_no_causes)
{
    const char *text = "一、主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "二、存在的不足\n"
                       "个别单位程序意识不强。\n"
                       "三、下一年度工作安排\n"
                       "究其原因还需加强。\n";
    arc_findings *f = run(PARTS RULE_CAUSES, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "t.causes");
    ck_assert_int_eq(fi->line, 3);
    ck_assert_int_eq(fi->column, 1);
    ck_assert_str_eq(fi->section, "shortcomings");
    ck_assert_str_eq(fi->message, "“存在的不足”缺原因");
    ck_assert_str_eq(fi->evidence, "二、存在的不足");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_requires_cause_in_heading)
{
    const char *text = "二、存在的不足及原因\n"
                       "个别单位程序意识不强。\n";
    arc_findings *f = run(PARTS RULE_CAUSES, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_requires_cause_in_body_or_child)
{
    arc_findings *f = run(PARTS RULE_CAUSES, "二、存在的不足\n"
                                             "主要由于培训不够。\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
    /* In the body of a sub-heading: the part includes its children. */
    f = run(PARTS RULE_CAUSES, "二、存在的问题\n"
                               "（一）问题表现\n"
                               "执法不规范。\n"
                               "（二）原因分析\n"
                               "培训不够。\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_requires_missing_part_is_silent)
{
    arc_findings *f = run(PARTS RULE_CAUSES, "一、主要举措和成效\n内容。\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_part_requires_prose_part)
{
    /* A prose-only part is checked on its line. */
    arc_findings *f = run(PARTS RULE_CAUSES, "一、主要举措和成效\n"
                                             "工作中仍存在一些不足。\n"
                                             "下一行由于某些原因。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_int_eq(fi->line, 2);
    ck_assert_int_eq(fi->column, 4);
    ck_assert_str_eq(fi->evidence, "仍存在一些不足。");
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ empty_heading */

START_TEST(test_empty_heading_followed_by_sibling)
{
    const char *text = "一、主要举措和成效\n"
                       "（一）带头学法\n"
                       "（二）规范执法\n"
                       "全年评查案卷。\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "t.empty");
    ck_assert_int_eq(fi->line, 2);
    ck_assert_int_eq(fi->column, 1);
    ck_assert_str_eq(fi->section, "");
    ck_assert_str_eq(fi->evidence, "（一）带头学法");
    ck_assert_str_eq(fi->message, "空标题：（一）带头学法");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_empty_heading_with_children_is_fine)
{
    const char *text = "一、主要举措和成效\n"
                       "（一）带头学法\n"
                       "全年学法十次。\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_empty_heading_ending_in_ju_is_fine)
{
    const char *text = "一、主要举措和成效\n"
                       "1.全年学法十次。\n"
                       "2.全年评查案卷两百卷。\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_empty_heading_blank_lines_only)
{
    /* Blank and space-only lines are no body; the last heading too. */
    const char *text = "一、主要举措和成效\n"
                       "\n"
                       "\xE3\x80\x80\xE3\x80\x80\n"
                       "二、存在的不足\n"
                       "内容。\n"
                       "三、下一年度安排\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_findings_count(f), 2);
    ck_assert_int_eq(arc_findings_get(f, 0)->line, 1);
    ck_assert_int_eq(arc_findings_get(f, 1)->line, 6);
    ck_assert_str_eq(arc_findings_get(f, 1)->evidence, "三、下一年度安排");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_empty_attachment_label_at_end)
{
    const char *text = "一、主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "附件：\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_int_eq(fi->line, 3);
    ck_assert_int_eq(fi->column, 1);
    ck_assert_str_eq(fi->evidence, "附件：");
    ck_assert_str_eq(fi->message, "空标题：附件：");
    arc_findings_free(f);
    /* With the default rules, indented and numbered. */
    f = run_default("松川县2023年法治政府建设情况报告\n"
                    "一、主要举措和成效\n"
                    "全年完成各项任务。\n"
                    "　　附件２：\n"
                    "\n");
    const arc_finding *e = arc_test_find(f, "section.empty");
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->line, 4);
    ck_assert_int_eq(e->column, 3);
    ck_assert_str_eq(e->evidence, "附件２：");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_attachment_label_followed_by_text)
{
    const char *text = "一、主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "附件：\n"
                       "\n"
                       "松川县法治政府建设任务清单\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
    /* "附件:" with its text on the same line is not a label line. */
    f = run(PARTS RULE_EMPTY, "一、甲\n内容。\n附件:任务清单\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_attachment_label_followed_by_heading)
{
    const char *text = "附件：\n"
                       "一、主要举措和成效\n"
                       "全年完成各项任务。\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_int_eq(arc_findings_get(f, 0)->line, 1);
    arc_findings_free(f);
}
END_TEST

/*
 * Regression (eval_empty_heading.c, label check and empty sections): the
 * usual way to list attachments, "附件：" followed by numbered titles on the
 * next lines, gives three section.empty findings: the label (its next line
 * is a "heading") and each "1.…" line (no body).  Suggested fix: lines right
 * after a label line that are numbered (1. 2. …) are the label's content:
 * do not flag the label, and do not flag those lines as empty headings (or
 * do not open sections for them in doc_parse once a label line is seen).
 */
START_TEST(test_attachment_list_after_label)
{
    const char *text = "一、主要举措和成效\n"
                       "全年完成各项任务。\n"
                       "附件：\n"
                       "1.松川县法治政府建设任务清单\n"
                       "2.松川县行政执法事项目录\n";
    arc_findings *f = run(PARTS RULE_EMPTY, text);
    ck_assert_uint_eq(arc_test_count(f, "t.empty"), 0);
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ numbering */

START_TEST(test_numbering_gap)
{
    const char *text = "一、主要举措\n"
                       "内容。\n"
                       "二、存在的不足\n"
                       "内容。\n"
                       "四、下一年度安排\n"
                       "内容。\n";
    arc_findings *f = run(PARTS RULE_GAP RULE_DUP, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "t.gap");
    ck_assert_int_eq(fi->line, 5);
    ck_assert_int_eq(fi->column, 1);
    ck_assert_str_eq(fi->message, "应为三、，实为四、");
    ck_assert_str_eq(fi->evidence, "四、下一年度安排");
    ck_assert_str_eq(fi->section, "");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_numbering_gap_each_style)
{
    const char *text = "一、甲\n"
                       "（一）子一\n"
                       "内容。\n"
                       "（三）子三\n"
                       "1.细一\n"
                       "内容。\n"
                       "3.细三\n"
                       "（1）小一\n"
                       "内容。\n"
                       "（3）小三\n"
                       "一是其一。\n"
                       "三是其三。\n";
    arc_findings *f = run(PARTS RULE_GAP, text);
    ck_assert_uint_eq(arc_findings_count(f), 4);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "应为(二)，实为(三)");
    ck_assert_int_eq(arc_findings_get(f, 0)->line, 4);
    ck_assert_str_eq(arc_findings_get(f, 1)->message, "应为2.，实为3.");
    ck_assert_int_eq(arc_findings_get(f, 1)->line, 7);
    ck_assert_str_eq(arc_findings_get(f, 2)->message, "应为(2)，实为(3)");
    ck_assert_int_eq(arc_findings_get(f, 2)->line, 10);
    ck_assert_str_eq(arc_findings_get(f, 3)->message, "应为二是，实为三是");
    ck_assert_int_eq(arc_findings_get(f, 3)->line, 12);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_numbering_first_not_one)
{
    arc_findings *f = run(PARTS RULE_GAP, "二、存在的不足\n内容。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "应为一、，实为二、");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_numbering_duplicate)
{
    const char *text = "松川县2023年法治政府建设情况报告\n"
                       "一、主要举措\n"
                       "（一）带头学法\n"
                       "内容。\n"
                       "（一）规范执法\n"
                       "内容。\n"
                       "（二）化解纠纷\n"
                       "内容。\n";
    arc_findings *f = run(PARTS RULE_GAP RULE_DUP, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "t.dup");
    ck_assert_int_eq(fi->severity, ARC_SEV_INFO);
    ck_assert_int_eq(fi->line, 5);
    ck_assert_int_eq(fi->column, 1);
    /* {found}, {title}; an unknown placeholder stays as written. */
    ck_assert_str_eq(fi->message,
                     "重复(一)；标题《松川县2023年法治政府建设情况报告》；"
                     "{unknown}");
    ck_assert_str_eq(fi->evidence, "（一）规范执法");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_numbering_restarts_under_each_parent)
{
    const char *text = "一、主要举措\n"
                       "（一）带头学法\n"
                       "1.会前学法\n"
                       "内容。\n"
                       "2.专题培训\n"
                       "内容。\n"
                       "（二）规范执法\n"
                       "1.案卷评查\n"
                       "内容。\n"
                       "二、存在的不足\n"
                       "（一）问题\n"
                       "一是不够。\n"
                       "二是不足。\n"
                       "（二）原因\n"
                       "一是认识。\n"
                       "三、下一年度安排\n"
                       "内容。\n";
    arc_findings *f = run(PARTS RULE_GAP RULE_DUP, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

/*
 * Regression (eval_numbering.c:eval): an enumeration 一是…二是… that starts
 * again at 一是 after a plain paragraph under the same heading (common:
 * "从主观上看：一是…二是…  从客观上看：一是…") is reported as a gap
 * "应为三是，实为一是".  Suggested fix: a label numbered 1 after a non-heading
 * text line that is not the previous sibling's own sentence (e.g. a line
 * ending in ':') starts a new run; at least for the 一是 style, which is an
 * in-paragraph enumeration rather than a heading level, treat number 1 as a
 * restart instead of a gap.
 */
START_TEST(test_numbering_restart_after_paragraph)
{
    const char *text = "一、存在的不足和原因\n"
                       "从主观上看：\n"
                       "一是学法不深。\n"
                       "二是执法不严。\n"
                       "从客观上看：\n"
                       "一是人手紧张。\n"
                       "二是经费不足。\n";
    arc_findings *f = run(PARTS RULE_GAP RULE_DUP, text);
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_numbering_default_rules_messages)
{
    arc_findings *f = run_default("松川县2023年法治政府建设情况报告\n"
                                  "一、主要举措和成效\n"
                                  "（一）带头学法\n"
                                  "内容。\n"
                                  "（三）规范执法\n"
                                  "内容。\n"
                                  "（三）化解纠纷\n"
                                  "内容。\n"
                                  "二、存在的不足和原因\n"
                                  "由于培训不够。\n"
                                  "三、第一责任人履职情况\n"
                                  "县长带头。\n"
                                  "四、下一年度工作安排\n"
                                  "继续推进。\n");
    ck_assert_uint_eq(structural(f), 2);
    const arc_finding *g = arc_test_find(f, "numbering.gap");
    const arc_finding *d = arc_test_find(f, "numbering.duplicate");
    ck_assert_ptr_nonnull(g);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(g->line, 5);
    ck_assert_str_eq(g->message, "序号不连续：此处应为“(二)”，实为“(三)”");
    ck_assert_int_eq(d->line, 7);
    ck_assert_str_eq(d->message, "序号重复：“(三)”与上一项相同");
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------------------ emit */

START_TEST(test_evidence_limited_to_80_characters)
{
    char text[2048] = "一、主要举措\n内容。\n三、";
    for (int i = 0; i < 100; i++)
        strcat(text, "治");
    strcat(text, "\n");
    arc_findings *f = run(PARTS RULE_GAP, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const char *ev = arc_findings_get(f, 0)->evidence;
    char want[512] = "三、";
    for (int i = 0; i < 78; i++)
        strcat(want, "治");
    ck_assert_str_eq(ev, want);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_column_counts_characters)
{
    /* Two full-width spaces before the label: column 3, not byte 7. */
    const char *text = "一、主要举措\n"
                       "内容。\n"
                       "\xE3\x80\x80\xE3\x80\x80三、下一年度安排\n"
                       "内容。\n";
    arc_findings *f = run(PARTS RULE_GAP, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_int_eq(fi->line, 3);
    ck_assert_int_eq(fi->column, 3);
    ck_assert_uint_eq(fi->offset, strlen("一、主要举措\n内容。\n") + 6);
    ck_assert_str_eq(fi->evidence, "三、下一年度安排");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_positions_with_crlf_and_bom)
{
    const char *text = "\xEF\xBB\xBF"
                       "一、主要举措\r\n"
                       "内容。\r\n"
                       "三、下一年度安排\r\n"
                       "内容。\r\n";
    arc_findings *f = run(PARTS RULE_GAP, text);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_int_eq(fi->line, 3);
    ck_assert_int_eq(fi->column, 1);
    ck_assert_uint_eq(fi->offset, 3 + strlen("一、主要举措\r\n内容。\r\n"));
    /* The CR is not part of the evidence. */
    ck_assert_str_eq(fi->evidence, "三、下一年度安排");
    arc_findings_free(f);
}
END_TEST

START_TEST(test_disabled_rule_is_skipped)
{
    arc_findings *f = run(PARTS "  - id: t.gap\n"
                                "    kind: numbering\n"
                                "    severity: warning\n"
                                "    message: gap\n"
                                "    enabled: false\n"
                                "    check: gap\n",
                          "二、存在的不足\n内容。\n");
    ck_assert_uint_eq(arc_findings_count(f), 0);
    arc_findings_free(f);
}
END_TEST

START_TEST(test_message_template_edge_cases)
{
    /* Unbalanced braces and the evidence placeholder twice. */
    arc_findings *f = run(PARTS "  - id: t.gap\n"
                                "    kind: numbering\n"
                                "    severity: warning\n"
                                "    message: '{evidence}|{evidence}|{part}|{found'\n"
                                "    check: gap\n",
                          "二、乙\n内容。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "二、乙|二、乙||{found");
    arc_findings_free(f);
}
END_TEST

/* ------------------------------------------------ failing searches */

/* A run of 某 that does not end the line sends (某+)+$ into catastrophic
 * backtracking. */
static char *catastrophic_text(void)
{
    static char t[512];
    strcpy(t, "青禾区2025年度法治政府建设情况报告\n组织XX次培训。\n");
    for (int i = 0; i < 40; i++)
        strcat(t, "某");
    strcat(t, "乙\n共有XX人参加。\n");
    return t;
}

/* PCRE2 giving up (match limit) used to read as "no match": the rule's
 * findings vanished without a word.  Now a rule.error finding names the
 * rule and PCRE2's reason, once, and the other rules still run. */
START_TEST(test_pattern_hitting_match_limit_is_reported)
{
    arc_findings *f = run("version: 1\n"
                          "rules:\n"
                          "  - id: t.catastrophic\n"
                          "    kind: pattern\n"
                          "    severity: warning\n"
                          "    message: '重复'\n"
                          "    patterns: ['(某+)+$']\n"
                          "  - id: t.placeholder\n"
                          "    kind: pattern\n"
                          "    severity: error\n"
                          "    message: '模板残留'\n"
                          "    patterns: ['XX']\n",
                          catastrophic_text());
    ck_assert_uint_eq(arc_test_count(f, "rule.error"), 1);
    ck_assert_uint_eq(arc_test_count(f, "t.placeholder"), 2);
    ck_assert_uint_eq(arc_test_count(f, "t.catastrophic"), 0);
    const arc_finding *e = arc_test_find(f, "rule.error");
    ck_assert_int_eq(e->severity, ARC_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(e->message, "t.catastrophic"));
    ck_assert_ptr_nonnull(strstr(e->message, "match limit exceeded"));
    /* Where the failed search started: the start of the text. */
    ck_assert_int_eq(e->line, 1);
    ck_assert_int_eq(e->column, 1);
    arc_findings_free(f);
}
END_TEST

/* The same for an anchored search (an exclude pattern) and for the part
 * patterns, which run before any rule. */
START_TEST(test_exclude_and_part_patterns_hitting_match_limit)
{
    arc_findings *f = run("version: 1\n"
                          "rules:\n"
                          "  - id: t.placeholder\n"
                          "    kind: pattern\n"
                          "    severity: error\n"
                          "    message: '模板残留'\n"
                          "    patterns: ['某']\n"
                          "    exclude: ['(某+)+$']\n",
                          catastrophic_text());
    ck_assert_uint_eq(arc_test_count(f, "rule.error"), 1);
    ck_assert_ptr_nonnull(
        strstr(arc_test_find(f, "rule.error")->message, "t.placeholder"));
    /* The failed exclude vetoes nothing: the match is reported. */
    ck_assert_uint_ge(arc_test_count(f, "t.placeholder"), 1);
    arc_findings_free(f);

    f = run("version: 1\n"
            "parts:\n"
            "  - id: p\n"
            "    name: 部分\n"
            "    heading:\n"
            "      - [举措]\n"
            "    prose: ['(某+)+$']\n"
            "rules:\n"
            "  - id: t.missing\n"
            "    kind: part_presence\n"
            "    severity: error\n"
            "    message: '缺少“{part}”'\n"
            "    report: missing\n"
            "    parts: [p]\n",
            catastrophic_text());
    ck_assert_uint_eq(arc_test_count(f, "rule.error"), 1);
    ck_assert_ptr_nonnull(
        strstr(arc_test_find(f, "rule.error")->message, "parts"));
    ck_assert_uint_eq(arc_test_count(f, "t.missing"), 1);
    arc_findings_free(f);
}
END_TEST

/* A pattern that made PCRE2 give up is not tried again at every later
 * place in the same rule: each try would cost the whole match limit. */
START_TEST(test_failed_pattern_not_retried_in_rule)
{
    arc_ruleset *rs = arc_test_rules("version: 1\n"
                                     "rules:\n"
                                     "  - id: t.placeholder\n"
                                     "    kind: pattern\n"
                                     "    severity: error\n"
                                     "    message: '模板残留'\n"
                                     "    patterns: ['某']\n"
                                     "    exclude: ['(某+)+$']\n");
    char *text = calloc(200, 130);
    ck_assert_ptr_nonnull(text);
    for (int line = 0; line < 200; line++) {
        for (int i = 0; i < 40; i++)
            strcat(text, "某");
        strcat(text, "乙\n");
    }
    arc_test_facts_doc *fx = arc_test_facts(text, rs);
    arc_doc *doc = fx->doc;
    arc_matcher *m = NULL;
    arc_findings *f = NULL;
    arc_error err;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    ck_assert_int_eq(arc_findings_new(&f), 0);
    ck_assert_int_eq(arc_eval_doc(rs, doc, &fx->facts, ARC_ALL_RULES, m, f,
                                  NULL, 0, &err),
                     0);
    ck_assert_uint_eq(arc_test_count(f, "rule.error"), 1);
    ck_assert_uint_eq(arc_test_count(f, "t.placeholder"), 200 * 40);
    /* One search per match, plus the one exclude that failed. */
    ck_assert_uint_le(arc_matcher_work(m)->searches, 200 * 40 + 2);
    arc_findings_free(f);
    arc_matcher_free(m);
    arc_test_facts_free(fx);
    free(text);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_findings_sorted_and_counted)
{
    /* Rules emit in rule order; arc_test_check sorts by line. */
    const char *text = "一、主要举措和成效\n"
                       "（一）带头学法\n"
                       "（三）规范执法\n"
                       "内容。\n"
                       "二、存在的不足\n"
                       "内容。\n";
    arc_findings *f = run(PARTS RULE_MISSING RULE_EMPTY RULE_GAP, text);
    /* missing leader + plan (line 0), empty (一) at 2, gap (三) at 3 */
    ck_assert_uint_eq(arc_findings_count(f), 4);
    ck_assert_int_eq(arc_findings_get(f, 0)->line, 0);
    ck_assert_int_eq(arc_findings_get(f, 1)->line, 0);
    ck_assert_str_eq(arc_findings_get(f, 2)->rule, "t.empty");
    ck_assert_int_eq(arc_findings_get(f, 2)->line, 2);
    ck_assert_str_eq(arc_findings_get(f, 3)->rule, "t.gap");
    ck_assert_int_eq(arc_findings_get(f, 3)->line, 3);
    ck_assert_uint_eq(arc_findings_count_severity(f, ARC_SEV_ERROR), 2);
    ck_assert_uint_eq(arc_findings_count_severity(f, ARC_SEV_WARNING), 2);
    ck_assert_uint_eq(arc_findings_count_severity(f, ARC_SEV_INFO), 0);
    ck_assert_ptr_null(arc_findings_get(f, 4));
    arc_findings_free(f);
}
END_TEST


/* ------------------------------------------------------------ ratio range */

#define RULE_RANGE                                                             \
    "  - id: t.range\n"                                                        \
    "    kind: ratio\n"                                                        \
    "    check: range\n"                                                       \
    "    severity: error\n"                                                    \
    "    message: '{name}|{rate}|{max}'\n"                                     \
    "    exempt: [增长, 同比]\n"                                               \
    "    patterns:\n"                                                          \
    "      - '率(?:分别|均)?(?:达|为)?(?<rates>\\d+(?:\\.\\d+)?%"                 \
    "(?:(?:、|和)\\d+(?:\\.\\d+)?%)*)'\n"                                      \
    "      - '(?<name>占比)(?:达|为)?(?<rate>\\d+(?:\\.\\d+)?%)'\n"

static size_t range_hits(const char *text)
{
    arc_findings *f = run(PARTS RULE_RANGE, text);
    size_t n = arc_test_count(f, "t.range");
    arc_findings_free(f);
    return n;
}

START_TEST(test_range_any_rate_name)
{
    /* No list of rate kinds: any X率 is capped. */
    arc_findings *f = run(PARTS RULE_RANGE, "正文。\n群众回访知晓率达100.5%。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->message, "群众回访知晓率|100.5|100");
    ck_assert_str_eq(fi->evidence, "100.5%");
    ck_assert_int_eq(fi->line, 2);
    ck_assert_int_eq(fi->column, 9);
    arc_findings_free(f);
    ck_assert_uint_eq(range_hits("正文。\n群众回访知晓率达100%。\n"), 0);
}
END_TEST

START_TEST(test_range_change_words_exempt)
{
    ck_assert_uint_eq(range_hits("正文。\n收案同比增长率为130%。\n"), 0);
    ck_assert_uint_eq(range_hits("正文。\n案件增长率达150%。\n"), 0);
    /* A verb of change between the rate and the value: not a value. */
    ck_assert_uint_eq(range_hits("正文。\n审批效率提升150%。\n"), 0);
    /* Approximate values are never judged. */
    ck_assert_uint_eq(range_hits("正文。\n办结率约为120%。\n"), 0);
}
END_TEST

START_TEST(test_range_shared_value)
{
    /* One value after a list of names applies to each. */
    arc_findings *f =
        run(PARTS RULE_RANGE, "正文。\n参考率、合格率均达101%。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message,
                     "参考率、合格率|101|100");
    arc_findings_free(f);
    /* A change among the names of a shared value: quiet. */
    ck_assert_uint_eq(range_hits("正文。\n同比率、合格率均达101%。\n"), 0);
}
END_TEST

START_TEST(test_range_value_list)
{
    /* 分别为a%、b%: every value is checked. */
    arc_findings *f =
        run(PARTS RULE_RANGE, "正文。\n办理满意率分别为100%、103%和99%。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->evidence, "103%");
    arc_findings_free(f);
    /* Paired with the names: the change keeps its value, the other is
     * checked. */
    ck_assert_uint_eq(
        range_hits("正文。\n增长率、满意率分别为130%、98%。\n"), 0);
    ck_assert_uint_eq(
        range_hits("正文。\n增长率、满意率分别为130%、108%。\n"), 1);
    /* Counts that do not pair and a change among the names: quiet. */
    ck_assert_uint_eq(
        range_hits("正文。\n增长率、满意率分别为130%、98%、120%。\n"), 0);
}
END_TEST

START_TEST(test_range_share_name_group)
{
    arc_findings *f = run(PARTS RULE_RANGE, "正文。\n线上办理占比达120%。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "线上办理占比|120|100");
    arc_findings_free(f);
    /* 率 not followed by a value (率先) is no rate. */
    ck_assert_uint_eq(range_hits("正文。\n在全市率先150%完成。\n"), 0);
}
END_TEST

START_TEST(test_range_needs_rate_group)
{
    arc_error err = {0};
    arc_ruleset *rs = NULL;
    const char *y = PARTS "  - id: t.range\n"
                          "    kind: ratio\n"
                          "    check: range\n"
                          "    severity: error\n"
                          "    message: m\n"
                          "    patterns: ['率(?<x>\\d+%)']\n";
    ck_assert_int_ne(arc_ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), &err),
                     0);
    ck_assert_ptr_nonnull(strstr(err.message, "rates"));
    /* exempt belongs to range checks only. */
    const char *y2 = PARTS "  - id: t.mm\n"
                           "    kind: ratio\n"
                           "    check: mismatch\n"
                           "    severity: error\n"
                           "    message: m\n"
                           "    exempt: [增长]\n"
                           "    patterns: ['(?<num>\\d+)(?<den>\\d+)(?<rate>\\d+%)']\n";
    ck_assert_int_ne(
        arc_ruleset_load_buffer(&rs, "t.yaml", y2, strlen(y2), &err), 0);
    ck_assert_ptr_nonnull(strstr(err.message, "exempt"));
}
END_TEST

START_TEST(test_range_default_rules)
{
    /* A report's title: a text without a title, a year or a heading
     * is no report (doc.type) and gets no other finding. */
    static const char *const bad[] = {
        "青禾区2025年度法治政府建设情况报告\n行政机关负责人出庭应诉率达105%。\n",
        "青禾区2025年度法治政府建设情况报告\n网上公开率、按期办结率均达102%。\n",
        "青禾区2025年度法治政府建设情况报告\n办件满意率和回访率分别为98%、103%。\n",
        "青禾区2025年度法治政府建设情况报告\n行政复议纠错率为100.2%。\n",
    };
    static const char *const good[] = {
        "青禾区2025年度法治政府建设情况报告\n行政机关负责人出庭应诉率达100%。\n",
        "青禾区2025年度法治政府建设情况报告\n收案同比增长率为135%,审批效率提升50%。\n",
        "青禾区2025年度法治政府建设情况报告\n审批提速率达120%,年度目标完成率达112%。\n",
        "青禾区2025年度法治政府建设情况报告\n万人成讼率下降0.88%,满意率保持在99%以上。\n",
        "青禾区2025年度法治政府建设情况报告\n在全市率先实现100%覆盖。\n",
    };
    arc_ruleset *rs = arc_test_default_rules();
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        arc_findings *f = arc_test_check(rs, bad[i]);
        ck_assert_msg(arc_test_count(f, "ratio.out-of-range") == 1, "bad %zu",
                      i);
        arc_findings_free(f);
    }
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        arc_findings *f = arc_test_check(rs, good[i]);
        ck_assert_msg(arc_test_count(f, "ratio.out-of-range") == 0,
                      "good %zu", i);
        arc_findings_free(f);
    }
    arc_ruleset_free(rs);
}
END_TEST


/* ------------------------------------------------------------ placeholders */

/* Each masking form of the default rule set, and its look-alikes. */
START_TEST(test_placeholder_forms_default_rules)
{
    static const struct {
        const char *text, *evidence;
    } bad[] = {
        {"正文。\n*县坚持依法行政。\n", "*"},
        {"正文。\n全年办理复议案件**件。\n", "**"},
        {"正文。\n出庭应诉率达＊%。\n", "＊"},
        {"正文。\n20XX年,区政府召开会议。\n", "XX"},
        {"正文。\n202x年,区政府召开会议。\n", "x"},
        {"正文。\nX01X年度报告。\n", "X01X"},
        {"正文。\n由X区司法局牵头。\n", "X"},
        {"正文。\n于xx月xx日公布。\n", "xx"},
        {"正文。\n○○街道办事处\n", "○○"},
        {"正文。\n培训执法人员(待补充)人次。\n", "(待补充)"},
        {"正文。\n办理案件（略）件。\n", "（略）"},
        {"正文。\n由某某区司法局牵头。\n", "某某"},
        {"正文。\n【此处插入数据】\n", "【此处插入数据】"},
    };
    static const char *const good[] = {
        "正文。\n当事人王某某不服行政处罚决定。\n",
        "正文。\n联系电话0571-8888****转分机。\n",
        "正文。\n附件:执法人员名单（略）\n",
        "正文。\n采购X光机2台。\n",
        "正文。\n该事项待定后另行公布。\n",
        "正文。\n二○○八年起施行。\n",
    };
    /* After a report's head: masked names or years within the first 200
     * characters after the title (document: cue_chars) make a template
     * page, a slip further down is a placeholder. */
    static const char head[] =
        "青禾区人民政府关于2025年度法治政府建设情况的报告\n"
        "2025年，青禾区坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻"
        "落实党中央、国务院关于法治政府建设的决策部署，深入推进依法行政，"
        "持续优化法治化营商环境，各项工作取得新进展。现将有关情况报告如下。"
        "全区各部门认真履行法治建设职责，加强制度建设，规范行政执法，强化"
        "权力监督，提升基层法治水平，推动法治政府建设各项任务落地见效。"
        "区政府常务会议定期研究法治政府建设重大问题，听取工作汇报，统筹"
        "部署重点任务，督促各部门对照年度计划逐项推进、按期完成。\n";
    arc_ruleset *rs = arc_test_default_rules();
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[2048];
        snprintf(text, sizeof text, "%s%s", head, bad[i].text);
        arc_findings *f = arc_test_check(rs, text);
        const arc_finding *fi = arc_test_find(f, "placeholder.found");
        ck_assert_msg(fi != NULL, "bad %zu", i);
        ck_assert_str_eq(fi->evidence, bad[i].evidence);
        arc_findings_free(f);
    }
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        arc_findings *f = arc_test_check(rs, good[i]);
        ck_assert_msg(arc_test_count(f, "placeholder.found") == 0, "good %zu",
                      i);
        arc_findings_free(f);
    }
    arc_ruleset_free(rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("clean");
    tcase_add_test(tc, test_good_report_has_no_findings);
    tcase_add_test(tc, test_good_report_default_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("doc_type");
    tcase_add_test(tc, test_doc_type_work_plan_halts);
    tcase_add_test(tc, test_doc_type_custom_halt_and_found);
    tcase_add_test(tc, test_doc_type_needs_title);
    tcase_add_test(tc, test_doc_type_two_line_title_evidence_cut_at_line_end);
    tcase_add_test(tc, test_evidence_trims_leading_ideographic_space);
    suite_add_tcase(s, tc);

    tc = tcase_create("part_presence");
    tcase_add_test(tc, test_part_missing_whole_document);
    tcase_add_test(tc, test_part_missing_none_when_all_present);
    tcase_add_test(tc, test_part_missing_all_in_empty_document);
    tcase_add_test(tc, test_part_prose_finding_position);
    tcase_add_test(tc, test_part_prose_not_in_opening_paragraph);
    tcase_add_test(tc, test_part_heading_found_at_deeper_level);
    tcase_add_test(tc, test_thematic_measures_default_rules);
    tcase_add_test(tc, test_next_year_heading_by_meaning);
    tcase_add_test(tc, test_heading_or_groups);
    suite_add_tcase(s, tc);

    tc = tcase_create("part_order");
    tcase_add_test(tc, test_part_order_plan_before_shortcomings);
    tcase_add_test(tc, test_part_order_default_rules);
    tcase_add_test(tc, test_part_order_first_responsible_first_is_fine);
    tcase_add_test(tc, test_part_order_ignores_missing_parts);
    suite_add_tcase(s, tc);

    tc = tcase_create("part_requires");
    tcase_add_test(tc, test_part_requires_no_causes);
    tcase_add_test(tc, test_part_requires_cause_in_heading);
    tcase_add_test(tc, test_part_requires_cause_in_body_or_child);
    tcase_add_test(tc, test_part_requires_missing_part_is_silent);
    tcase_add_test(tc, test_part_requires_prose_part);
    suite_add_tcase(s, tc);

    tc = tcase_create("empty_heading");
    tcase_add_test(tc, test_empty_heading_followed_by_sibling);
    tcase_add_test(tc, test_empty_heading_with_children_is_fine);
    tcase_add_test(tc, test_empty_heading_ending_in_ju_is_fine);
    tcase_add_test(tc, test_empty_heading_blank_lines_only);
    tcase_add_test(tc, test_empty_attachment_label_at_end);
    tcase_add_test(tc, test_attachment_label_followed_by_text);
    tcase_add_test(tc, test_attachment_label_followed_by_heading);
    tcase_add_test(tc, test_attachment_list_after_label);
    suite_add_tcase(s, tc);

    tc = tcase_create("numbering");
    tcase_add_test(tc, test_numbering_gap);
    tcase_add_test(tc, test_numbering_gap_each_style);
    tcase_add_test(tc, test_numbering_first_not_one);
    tcase_add_test(tc, test_numbering_duplicate);
    tcase_add_test(tc, test_numbering_restarts_under_each_parent);
    tcase_add_test(tc, test_numbering_restart_after_paragraph);
    tcase_add_test(tc, test_numbering_default_rules_messages);
    suite_add_tcase(s, tc);

    tc = tcase_create("ratio_range");
    tcase_add_test(tc, test_range_any_rate_name);
    tcase_add_test(tc, test_range_change_words_exempt);
    tcase_add_test(tc, test_range_shared_value);
    tcase_add_test(tc, test_range_value_list);
    tcase_add_test(tc, test_range_share_name_group);
    tcase_add_test(tc, test_range_needs_rate_group);
    tcase_add_test(tc, test_range_default_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("placeholder");
    tcase_add_test(tc, test_placeholder_forms_default_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("emit");
    tcase_add_test(tc, test_evidence_limited_to_80_characters);
    tcase_add_test(tc, test_column_counts_characters);
    tcase_add_test(tc, test_positions_with_crlf_and_bom);
    tcase_add_test(tc, test_disabled_rule_is_skipped);
    tcase_add_test(tc, test_message_template_edge_cases);
    tcase_add_test(tc, test_findings_sorted_and_counted);
    tcase_add_test(tc, test_pattern_hitting_match_limit_is_reported);
    tcase_add_test(tc, test_exclude_and_part_patterns_hitting_match_limit);
    tcase_add_test(tc, test_failed_pattern_not_retried_in_rule);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

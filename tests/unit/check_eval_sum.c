/* check_eval_sum.c - the sum kind (eval_sum.c): totals in Chinese numerals,
 * parts in the next sentence, stated counts of items against the items
 * listed; each with the default rule set and a small rule of its own. */
#include "testutil.h"
#include "eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE                                                                   \
    "version: 1\n"                                                             \
    "parts:\n"                                                                 \
    "  - {id: m, name: 举措, heading: [[举措]]}\n"                             \
    "rules:\n"

/* Parts in the next sentence only, the way the default set finds them. */
#define RULE_NEXT                                                              \
    "  - id: t.sum\n"                                                          \
    "    kind: sum\n"                                                          \
    "    severity: error\n"                                                    \
    "    message: '{total}|{sum}|{parts}'\n"                                   \
    "    message_partial: 'p{total}|{sum}'\n"                                  \
    "    partial: [等]\n"                                                      \
    "    patterns:\n"                                                          \
    "      - match: '(?:其中[,:]?|结果为)(?<parts>[^。;\\n]+)'\n"             \
    "        total_before: true\n"                                             \
    "        max_name: 8\n"

#define RULE_COUNTS                                                            \
    "  - id: t.sum\n"                                                          \
    "    kind: sum\n"                                                          \
    "    severity: error\n"                                                    \
    "    message: m\n"                                                         \
    "    message_partial: p\n"                                                 \
    "    patterns:\n"                                                          \
    "      - match: '共(?<total>\\d+件),其中(?<parts>[^。\\n]+)'\n"           \
    "    counts:\n"                                                            \
    "      - '(?<items>等)(?<n>\\d+|[二三四五六七八九十]+)(?:项|个)"          \
    "|方面[:,。]\\s*(?<points>一是[^\\n]*)'\n"                                 \
    "    nested: [和]\n"                                                      \
    "    message_count: '{count}|{stated}|{listed}'\n"

static size_t hits(const char *rules, const char *text, const char *rule)
{
    arc_ruleset *rs = arc_test_rules(rules);
    arc_findings *f = arc_test_check(rs, text);
    size_t n = arc_test_count(f, rule);
    arc_findings_free(f);
    arc_ruleset_free(rs);
    return n;
}

/* The default rules check a page only when it reads as a report: a title
 * with the year goes before the text. */
static size_t default_hits(const char *text, const char *rule)
{
    char doc[1024];
    snprintf(doc, sizeof doc, "云溪县2025年度法治政府建设情况报告\n%s", text);
    arc_ruleset *rs = arc_test_default_rules();
    arc_findings *f = arc_test_check(rs, doc);
    size_t n = arc_test_count(f, rule);
    arc_findings_free(f);
    arc_ruleset_free(rs);
    return n;
}

START_TEST(test_chinese_numerals_default_rules)
{
    ck_assert_uint_eq(
        default_hits("正文。\n共清理规范性文件一百二十件,其中继续有效九十六件、"
                     "修改十五件、废止七件。\n",
                     "sum.mismatch"),
        1);
    ck_assert_uint_eq(
        default_hits("正文。\n共清理规范性文件一百二十件,其中继续有效九十八件、"
                     "修改十五件、废止七件。\n",
                     "sum.mismatch"),
        0);
    /* Approximate: never judged. */
    ck_assert_uint_eq(default_hits("正文。\n共清理文件一百余件,其中继续有效"
                                   "九十六件、修改十五件。\n",
                                   "sum.mismatch"),
                      0);
}
END_TEST

START_TEST(test_next_sentence_total)
{
    arc_ruleset *rs = arc_test_rules(BASE RULE_NEXT);
    arc_findings *f = arc_test_check(
        rs, "正文。\n全年开展评估12项。评估结果为优秀5项、良好4项、合格2项。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->message, "12|11|5+4+2");
    /* The finding starts at the total. */
    ck_assert_int_eq(fi->column, 7);
    arc_findings_free(f);
    arc_ruleset_free(rs);
    ck_assert_uint_eq(hits(BASE RULE_NEXT,
                           "正文。\n全年开展评估12项。评估结果为优秀6项、"
                           "良好4项、合格2项。\n",
                           "t.sum"),
                      0);
    ck_assert_uint_eq(hits(BASE RULE_NEXT,
                           "正文。\n审查文件40件。其中,通过35件、退回8件。\n",
                           "t.sum"),
                      1);
}
END_TEST

START_TEST(test_next_sentence_stays_quiet)
{
    /* Two counts in the total's sentence: which one 其中 breaks down is
     * open. */
    ck_assert_uint_eq(hits(BASE RULE_NEXT,
                           "正文。\n受理申请30件,办结28件。其中,许可20件、"
                           "备案10件。\n",
                           "t.sum"),
                      0);
    /* A year is not a count of the sentence. */
    ck_assert_uint_eq(hits(BASE RULE_NEXT,
                           "正文。\n2025年审查文件40件。其中,通过35件、退回8件。\n",
                           "t.sum"),
                      1);
    /* Parts named by a whole clause: no breakdown. */
    ck_assert_uint_eq(hits(BASE RULE_NEXT,
                           "正文。\n公开信息3960条。其中,通过县政府门户网站公布"
                           "政务要闻518条,部门动态733条。\n",
                           "t.sum"),
                      0);
    /* 其中 in the middle of a sentence is not a next sentence. */
    ck_assert_uint_eq(hits(BASE RULE_NEXT,
                           "正文。\n共有文件40件。新制定文件,其中许可20件、"
                           "备案10件。\n",
                           "t.sum"),
                      0);
    /* The total does not end its sentence. */
    ck_assert_uint_eq(hits(BASE RULE_NEXT,
                           "正文。\n审查文件40件,均按期办结。其中,通过35件、"
                           "退回8件。\n",
                           "t.sum"),
                      0);
}
END_TEST

START_TEST(test_counts_items)
{
    arc_ruleset *rs = arc_test_rules(BASE RULE_COUNTS);
    arc_findings *f =
        arc_test_check(rs, "正文。\n出台公示、记录、审核、评查等3项制度。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "3项|3|4");
    arc_findings_free(f);
    arc_ruleset_free(rs);
    /* As many or fewer than stated: 等 may leave some unnamed. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n出台公示、记录、审核等3项制度。\n", "t.sum"),
                      0);
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n出台公示、记录、审核等4项制度。\n", "t.sum"),
                      0);
    /* 、 inside quotes and book titles are not items. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n制定《甲、乙办法》、“丙、丁”等2项制度。\n",
                           "t.sum"),
                      0);
    /* An earlier list's 等 ends this list. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n联合公安、市场监管等12个部门和交通、"
                           "城管等2个单位。\n",
                           "t.sum"),
                      0);
    /* A list inside an item (joined by 和): the count is open. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n开展宪法、民法典、安全法宣传和培训等2项"
                           "活动。\n",
                           "t.sum"),
                      0);
    /* Chinese numerals state counts too. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n出台公示、记录、审核、评查等三项制度。\n",
                           "t.sum"),
                      1);
}
END_TEST

START_TEST(test_counts_points)
{
    arc_ruleset *rs = arc_test_rules(BASE RULE_COUNTS);
    arc_findings *f = arc_test_check(
        rs, "正文。\n主要有三个方面:一是甲;二是乙;三是丙;四是丁。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->message, "三个|3|4");
    arc_findings_free(f);
    arc_ruleset_free(rs);
    /* Fewer points, and the paragraph ends the list: a slip. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n主要有三个方面:一是甲;二是乙。\n正文二。\n",
                           "t.sum"),
                      1);
    /* The next paragraph goes on with the next point: fine. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n主要有三个方面:一是甲;二是乙。\n三是丙。\n",
                           "t.sum"),
                      0);
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n主要有三个方面:一是甲;二是乙;三是丙。\n",
                           "t.sum"),
                      0);
    /* 统一是 is no point marker. */
    ck_assert_uint_eq(hits(BASE RULE_COUNTS,
                           "正文。\n主要有两个方面:一是甲;二是乙,标准统一是关键。\n",
                           "t.sum"),
                      0);
}
END_TEST

START_TEST(test_counts_need_items_or_points)
{
    const char *y = BASE "  - id: t.sum\n"
                         "    kind: sum\n"
                         "    severity: error\n"
                         "    message: m\n"
                         "    message_partial: p\n"
                         "    patterns:\n"
                         "      - match: '共(?<total>\\d+件),其中(?<parts>.+)'\n"
                         "    counts: ['等(?<n>\\d+)项']\n"
                         "    message_count: c\n";
    arc_error err = {0};
    arc_ruleset *rs = NULL;
    ck_assert_int_ne(arc_ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), &err),
                     0);
    ck_assert_ptr_nonnull(strstr(err.message, "items"));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eval_sum");
    TCase *tc = tcase_create("sum");
    tcase_add_test(tc, test_chinese_numerals_default_rules);
    tcase_add_test(tc, test_next_sentence_total);
    tcase_add_test(tc, test_next_sentence_stays_quiet);
    tcase_add_test(tc, test_counts_items);
    tcase_add_test(tc, test_counts_points);
    tcase_add_test(tc, test_counts_need_items_or_points);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

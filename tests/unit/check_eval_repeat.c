/* check_eval_repeat.c - the repeat rule kind: one paragraph pasted twice in
 * a document. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#define RULES                                                                  \
    "version: 1\n"                                                             \
    "rules:\n"                                                                 \
    "  - id: t.repeat\n"                                                       \
    "    kind: repeat\n"                                                       \
    "    severity: warning\n"                                                  \
    "    message: '{first_line}|{evidence}'\n"                                 \
    "    min_chars: 10\n"                                                      \
    "    evidence_chars: 6\n"                                                  \
    "    paragraph: '。'\n"

static size_t hits(const char *text)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = arc_test_check(rs, text);
    size_t n = arc_test_count(f, "t.repeat");
    arc_findings_free(f);
    arc_ruleset_free(rs);
    return n;
}

START_TEST(test_second_copy_reported)
{
    arc_ruleset *rs = arc_test_rules(RULES);
    arc_findings *f = arc_test_check(rs, "标题\n全年办理复议案件十二件并全部办结。\n"
                                         "其他内容不同的段落在这里。\n"
                                         "  全年办理复议案件十二件并全部办结。\n");
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->message, "2|全年办理复议");
    ck_assert_int_eq(fi->line, 4);
    ck_assert_int_eq(fi->column, 3);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_each_later_copy_once)
{
    ck_assert_uint_eq(hits("全年办理复议案件十二件并全部办结。\n"
                           "全年办理复议案件十二件并全部办结。\n"
                           "全年办理复议案件十二件并全部办结。\n"),
                      2);
    /* Full-width and half-width forms of one paste are the same text. */
    ck_assert_uint_eq(hits("全年办理复议案件12件,全部办结。\n"
                           "全年办理复议案件１２件，全部办结。\n"),
                      1);
}
END_TEST

START_TEST(test_quiet_forms)
{
    /* One character differs. */
    ck_assert_uint_eq(hits("全年办理复议案件十二件并全部办结。\n"
                           "全年办理复议案件十三件并全部办结。\n"),
                      0);
    /* Shorter than min_chars. */
    ck_assert_uint_eq(hits("坚持依法行政。\n坚持依法行政。\n"), 0);
    /* Not prose: no sentence end (table rows, chrome). */
    ck_assert_uint_eq(hits("序号 事项名称 实施依据 责任单位\n"
                           "序号 事项名称 实施依据 责任单位\n"),
                      0);
    /* A longer paragraph containing another is not a repeat. */
    ck_assert_uint_eq(hits("全年办理复议案件十二件并全部办结。\n"
                           "全年办理复议案件十二件并全部办结。另有两件。\n"),
                      0);
}
END_TEST

START_TEST(test_many_lines)
{
    /* More lines than the first table size: the table grows with them. */
    char *t = malloc(200 * 64);
    size_t n = 0;
    for (int i = 0; i < 150; i++)
        n += (size_t)sprintf(t + n, "第%03d段落的内容各不相同。\n", i);
    n += (size_t)sprintf(t + n, "第%03d段落的内容各不相同。\n", 7);
    ck_assert_uint_eq(hits(t), 1);
    free(t);
}
END_TEST

START_TEST(test_length_bounds)
{
    /* min_chars is 10 characters, whatever their bytes: ten ideographs
     * (30 bytes) count, nine do not; ASCII characters are one byte each. */
    ck_assert_uint_eq(hits("全年办结复议案九件。\n全年办结复议案九件。\n"), 1);
    ck_assert_uint_eq(hits("全年办结复议九件。\n全年办结复议九件。\n"), 0);
    ck_assert_uint_eq(hits("abcdefghi。\nabcdefghi。\n"), 1);
    ck_assert_uint_eq(hits("abcdefgh。\nabcdefgh。\n"), 0);
    /* Copies whose lengths are not a multiple of the hash's step, and
     * long ones that differ only in their last byte. */
    ck_assert_uint_eq(hits("复议案件十二件全部办结了。a\n"
                           "复议案件十二件全部办结了。a\n"),
                      1);
    ck_assert_uint_eq(hits("复议案件十二件全部办结了。复议案件十二件全部办结了。a\n"
                           "复议案件十二件全部办结了。复议案件十二件全部办结了。b\n"),
                      0);
}
END_TEST

START_TEST(test_paragraph_asked_of_copies)
{
    /* Lines that are no prose are skipped however often they repeat, and
     * a prose line among them is still found. */
    ck_assert_uint_eq(hits("序号 事项名称 实施依据 责任单位\n"
                           "全年办理复议案件十二件并全部办结。\n"
                           "序号 事项名称 实施依据 责任单位\n"
                           "序号 事项名称 实施依据 责任单位\n"
                           "全年办理复议案件十二件并全部办结。\n"),
                      1);
}
END_TEST

static void load_fails(const char *keys, const char *needle)
{
    char y[1024];
    snprintf(y, sizeof y,
             "version: 1\nrules:\n  - id: t\n    kind: repeat\n"
             "    severity: info\n    message: m\n%s",
             keys);
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    ck_assert_int_ne(arc_ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), &err),
                     0);
    ck_assert_msg(strstr(err.message, needle) != NULL, "%s", err.message);
}

START_TEST(test_load_errors)
{
    load_fails("    min_chars: 2\n", "min_chars");
    load_fails("    paragraph: '('\n", "正则");
    load_fails("    extra: 1\n", "extra");
}
END_TEST

START_TEST(test_default_rules)
{
    arc_ruleset *rs = arc_test_default_rules();
    const char *bad = "一、主要举措和成效\n"
                      "区政府全年召开常务会议专题研究法治政府建设工作三次,"
                      "审议通过年度工作要点和考核办法。\n"
                      "二、存在的不足和原因\n"
                      "区政府全年召开常务会议专题研究法治政府建设工作三次,"
                      "审议通过年度工作要点和考核办法。\n";
    arc_findings *f = arc_test_check(rs, bad);
    ck_assert_uint_eq(arc_test_count(f, "paragraph.repeated"), 1);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eval_repeat");
    TCase *tc = tcase_create("repeat");
    tcase_add_test(tc, test_second_copy_reported);
    tcase_add_test(tc, test_each_later_copy_once);
    tcase_add_test(tc, test_quiet_forms);
    tcase_add_test(tc, test_many_lines);
    tcase_add_test(tc, test_length_bounds);
    tcase_add_test(tc, test_paragraph_asked_of_copies);
    tcase_add_test(tc, test_load_errors);
    tcase_add_test(tc, test_default_rules);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

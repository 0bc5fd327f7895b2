/* check_convert.c - traditional to simplified folding keeps every byte
 * offset, and documents in traditional characters get the same checks. */
#include "convert.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

START_TEST(test_fold_in_place)
{
    arc_t2s *c = NULL;
    char reason[256];
    ck_assert_int_eq(arc_t2s_open(&c, "t2s.json", reason, sizeof reason), 0);
    char text[] = "區政府關於法治政府建設的報告\n這是我們的發展。全麵 法製";
    size_t len = strlen(text);
    ck_assert_int_eq(arc_t2s_fold(c, text, len), 0);
    ck_assert_str_eq(text, "区政府关于法治政府建设的报告\n这是我们的发展。全面 法制");
    ck_assert_uint_eq(strlen(text), len);
    arc_t2s_close(c);
}
END_TEST

START_TEST(test_open_failure)
{
    arc_t2s *c = (arc_t2s *)&c;
    char reason[256] = "";
    ck_assert_int_eq(arc_t2s_open(&c, "no-such-config.json", reason,
                                  sizeof reason),
                     ARC_EIO);
    ck_assert_ptr_null(c);
    ck_assert_uint_gt(strlen(reason), 0);
}
END_TEST

START_TEST(test_traditional_report_checked)
{
    /* The default rules fold a traditional text: the parts are found, the
     * wrong ratio is reported, and the evidence quotes the original. */
    arc_ruleset *rs = arc_test_default_rules();
    arc_findings *f = arc_test_check(
        rs, "青禾區人民政府關於2025年度法治政府建設情況的報告\n"
            "發佈日期:2026-03-20\n"
            "一、2025年推進法治政府建設的主要舉措和成效\n"
            "受理行政複議申請200件,辦結190件,辦結率97%。\n"
            "二、2025年推進法治政府建設存在的不足和原因\n"
            "基層力量薄弱,原因在於培訓不夠。\n"
            "三、黨政主要負責人履行推進法治建設第一責任人職責情況\n"
            "主要負責人帶頭學法。\n"
            "四、2026年推進法治政府建設的主要安排\n"
            "繼續完善制度。\n");
    ck_assert_uint_eq(arc_test_count(f, "section.missing"), 0);
    ck_assert_uint_eq(arc_test_count(f, "deadline.unknown"), 0);
    const arc_finding *r = arc_test_find(f, "ratio.mismatch");
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->evidence, "200件,辦結190件,辦結率97%");
    ck_assert_int_eq(r->line, 4);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("convert");
    TCase *tc = tcase_create("t2s");
    tcase_add_test(tc, test_fold_in_place);
    tcase_add_test(tc, test_open_failure);
    tcase_add_test(tc, test_traditional_report_checked);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

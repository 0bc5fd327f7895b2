/* check_eval_share.c - the share kind (eval_share.c): "占X%" shares above
 * 100%, siblings adding past 100%, shares against their counts and total. */
#include "testutil.h"
#include "eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The default rules check a page only when it reads as a report: a title
 * with the year goes before the text. */
#define HEAD "云溪县2025年度法治政府建设情况报告\n"

static size_t hits(const char *text)
{
    char doc[1024];
    snprintf(doc, sizeof doc, HEAD "%s", text);
    arc_ruleset *rs = arc_test_default_rules();
    arc_findings *f = arc_test_check(rs, doc);
    size_t n = arc_test_count(f, "share.inconsistent");
    arc_findings_free(f);
    arc_ruleset_free(rs);
    return n;
}

static char *message(const char *text)
{
    char doc[1024];
    snprintf(doc, sizeof doc, HEAD "%s", text);
    arc_ruleset *rs = arc_test_default_rules();
    arc_findings *f = arc_test_check(rs, doc);
    const arc_finding *fi = arc_test_find(f, "share.inconsistent");
    char *m = fi ? strdup(fi->message) : NULL;
    arc_findings_free(f);
    arc_ruleset_free(rs);
    return m;
}

START_TEST(test_share_against_total)
{
    char *m = message("正文。\n办理案件200件,其中简易程序案件120件,占80%。\n");
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m, "“占80%”与120/200算出的60%不符");
    free(m);
    ck_assert_uint_eq(
        hits("正文。\n办理案件200件,其中简易程序案件120件,占60%。\n"), 0);
    /* Rounded or truncated to the precision written. */
    ck_assert_uint_eq(hits("正文。\n受理申请75件,其中予以公开22件,占29.3%。\n"),
                      0);
    ck_assert_uint_eq(hits("正文。\n受理申请75件,其中予以公开22件,占29.4%。\n"),
                      0);
    ck_assert_uint_eq(hits("正文。\n受理申请75件,其中予以公开22件,占29.6%。\n"),
                      1);
    /* Chinese numerals. */
    ck_assert_uint_eq(
        hits("正文。\n共办理一百二十件,其中行政许可三十件、占35%。\n"), 1);
    /* Another unit than the total's: not its share. */
    ck_assert_uint_eq(hits("正文。\n办理案件200件,其中涉及群众120人,占80%。\n"),
                      0);
}
END_TEST

START_TEST(test_share_against_siblings)
{
    /* No total: the siblings must imply one. */
    ck_assert_uint_eq(hits("正文。\n予以公开22件,占29.3%;不予公开2件,占2.7%;"
                           "无法提供46件,占61.3%。\n"),
                      0);
    ck_assert_uint_eq(hits("正文。\n予以公开22件,占30%;不予公开2件,占10%。\n"),
                      1);
    /* Siblings in another sentence are not compared. */
    ck_assert_uint_eq(hits("正文。\n予以公开22件,占30%。不予公开2件,占10%。\n"),
                      0);
}
END_TEST

START_TEST(test_shares_adding_past_100)
{
    ck_assert_uint_eq(hits("正文。\n办理案件200件,其中简易程序案件占65%,"
                           "普通程序案件占48%。\n"),
                      1);
    /* Overlapping groups (no common end or start of name) may. */
    ck_assert_uint_eq(
        hits("正文。\n干部职工120人,其中党员占65%,女性占48%。\n"), 0);
    /* Rounding: each share may be half a unit off. */
    ck_assert_uint_eq(hits("正文。\n其中甲类案件占33.4%,乙类案件占33.4%,"
                           "丙类案件占33.3%。\n"),
                      0);
}
END_TEST

START_TEST(test_share_above_100)
{
    ck_assert_uint_eq(hits("正文。\n其中线上办理占105%。\n"), 1);
    /* Measured against last year or a target: may exceed. */
    ck_assert_uint_eq(hits("正文。\n全年收入占上年的115%,占年度目标的120%。\n"),
                      0);
    /* Approximate, or 占比 (ratio.out-of-range reads it). */
    ck_assert_uint_eq(hits("正文。\n线上办理约占105%。\n"), 0);
    ck_assert_uint_eq(hits("正文。\n线上办理占比达105%。\n"), 0);
    /* A list of values after a named base: not one share. */
    ck_assert_uint_eq(
        hits("正文。\n两项余额占全省比重分别为21.5%、26.3%。\n"), 0);
}
END_TEST

START_TEST(test_share_needs_groups)
{
    const char *y = "version: 1\n"
                    "parts:\n"
                    "  - {id: m, name: 举措, heading: [[举措]]}\n"
                    "rules:\n"
                    "  - id: t.share\n"
                    "    kind: share\n"
                    "    severity: error\n"
                    "    message: m\n"
                    "    message_over: o\n"
                    "    message_sum: s\n"
                    "    message_siblings: b\n"
                    "    share: '占(?<x>\\d+%)'\n"
                    "    total: '(?<total>\\d+件)'\n";
    arc_error err = {0};
    arc_ruleset *rs = NULL;
    ck_assert_int_ne(arc_ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), &err),
                     0);
    ck_assert_ptr_nonnull(strstr(err.message, "rate"));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eval_share");
    TCase *tc = tcase_create("share");
    tcase_add_test(tc, test_share_against_total);
    tcase_add_test(tc, test_share_against_siblings);
    tcase_add_test(tc, test_shares_adding_past_100);
    tcase_add_test(tc, test_share_above_100);
    tcase_add_test(tc, test_share_needs_groups);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

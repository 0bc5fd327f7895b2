/* check_input_text.c - text encodings: BOMs, UTF-8, GB18030 fallback,
 * forced encodings, and the errors. */
#include "input.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

static int read_text(arc_input *in, const char *data, size_t len,
                     const char *enc, char *reason)
{
    return arc_input_text(in, data, len, enc, reason, 256);
}

START_TEST(test_utf8_passes_through)
{
    arc_input in;
    char reason[256] = "";
    const char *s = "青禾区报告\n第二行\n";
    ck_assert_int_eq(read_text(&in, s, strlen(s), NULL, reason), 0);
    ck_assert_str_eq(in.text, s);
    ck_assert_uint_eq(in.len, strlen(s));
    arc_input_free(&in);
}
END_TEST

START_TEST(test_gbk_without_declaration)
{
    /* 报告 in GBK: B1 A8 B8 E6 - not UTF-8, read as GB18030. */
    arc_input in;
    char reason[256] = "";
    const char gbk[] = "\xB1\xA8\xB8\xE6 2025\n";
    ck_assert_int_eq(read_text(&in, gbk, sizeof gbk - 1, NULL, reason), 0);
    ck_assert_str_eq(in.text, "报告 2025\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_utf16_boms)
{
    arc_input in;
    char reason[256] = "";
    /* 报 = U+62A5, 告 = U+544A */
    const char le[] = "\xFF\xFE\xA5\x62\x4A\x54\x0A\x00";
    ck_assert_int_eq(read_text(&in, le, sizeof le - 1, NULL, reason), 0);
    ck_assert_str_eq(in.text, "报告\n");
    arc_input_free(&in);
    const char be[] = "\xFE\xFF\x62\xA5\x54\x4A\x00\x0A";
    ck_assert_int_eq(read_text(&in, be, sizeof be - 1, NULL, reason), 0);
    ck_assert_str_eq(in.text, "报告\n");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_forced_encoding)
{
    arc_input in;
    char reason[256] = "";
    /* Valid UTF-8 bytes, but the caller says GBK: 报告 in GBK again. */
    const char gbk[] = "\xB1\xA8\xB8\xE6";
    ck_assert_int_eq(read_text(&in, gbk, 4, "GBK", reason), 0);
    ck_assert_str_eq(in.text, "报告");
    arc_input_free(&in);
}
END_TEST

START_TEST(test_errors)
{
    arc_input in;
    char reason[256] = "";
    ck_assert_int_eq(read_text(&in, "abc", 3, "NO-SUCH-ENCODING", reason),
                     ARC_EPARSE);
    ck_assert_str_eq(reason, "不支持的编码“NO-SUCH-ENCODING”");
    /* An odd byte count is not UTF-16LE. */
    ck_assert_int_eq(read_text(&in, "\xFF\xFE\xA5\x62\x4A", 5, NULL, reason),
                     ARC_EPARSE);
    ck_assert_str_eq(reason, "不是有效的 UTF-16LE 文本（第 2 字节）");
    /* Neither UTF-8 nor GB18030 (0xFF is never valid in GB18030). */
    ck_assert_int_eq(read_text(&in, "ok\xFF\xFF", 4, NULL, reason),
                     ARC_EPARSE);
    ck_assert_ptr_nonnull(strstr(reason, "GB18030"));
}
END_TEST

START_TEST(test_encoding_supported)
{
    ck_assert_int_eq(arc_encoding_supported("GBK"), 1);
    ck_assert_int_eq(arc_encoding_supported("UTF-16LE"), 1);
    ck_assert_int_eq(arc_encoding_supported("NO-SUCH-ENCODING"), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("input_text");
    TCase *tc = tcase_create("encodings");
    tcase_add_test(tc, test_utf8_passes_through);
    tcase_add_test(tc, test_gbk_without_declaration);
    tcase_add_test(tc, test_utf16_boms);
    tcase_add_test(tc, test_forced_encoding);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_encoding_supported);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

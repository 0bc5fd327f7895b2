/* check_input_rtf.c - the .rtf reader (input_rtf.c).  Documents are
 * written here as strings; with --office DIR the suite reads LibreOffice's
 * conversions of our files instead. */
#include "input.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const arc_input_limits big = {(size_t)64 << 20, 100, NULL};

static void read_ok(arc_input *in, const char *rtf, const char *want)
{
    char reason[256] = "";
    int rc = arc_input_rtf(in, rtf, strlen(rtf), &big, reason, sizeof reason);
    ck_assert_msg(rc == 0, "rc %d: %s", rc, reason);
    ck_assert_uint_eq(in->len, strlen(in->text));
    if (want)
        ck_assert_str_eq(in->text, want);
}

/* Reads rtf and compares; for the one-liners. */
static void text_is(const char *rtf, const char *want)
{
    arc_input in;
    read_ok(&in, rtf, want);
    arc_input_free(&in);
}

static void refused_len(const char *data, size_t len,
                        const arc_input_limits *lim, const char *want)
{
    arc_input in;
    memset(&in, 0xAB, sizeof in);
    char reason[256] = "";
    int rc = arc_input_rtf(&in, data, len, lim ? lim : &big, reason,
                           sizeof reason);
    ck_assert_msg(rc == ARC_EPARSE, "rc %d (%s), want refusal: %s", rc,
                  reason, want);
    ck_assert_msg(strstr(reason, want) != NULL, "reason \"%s\" lacks \"%s\"",
                  reason, want);
    ck_assert_ptr_null(in.text);
    ck_assert_ptr_null(in.outline);
    arc_input_free(&in);
}

static void outline_is(const arc_input *in, const unsigned char *want,
                       size_t n)
{
    ck_assert_uint_eq(in->nlines, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(in->outline[i] == want[i],
                      "line %zu: outline %u, want %u", i + 1, in->outline[i],
                      want[i]);
}

/* ---------------------------------------------------------------- text */

START_TEST(test_paragraphs)
{
    arc_input in;
    read_ok(&in, "{\\rtf1\\ansi Hello\\par World  \\par\\par\r\nEnd}",
            "Hello\nWorld\n\nEnd\n");
    ck_assert_uint_eq(in.nlines, 4);
    arc_input_free(&in);
    /* Line ends in the file are not text; a backslash before one is \par;
     * the text after the outer group is not the document's. */
    text_is("{\\rtf1 a\nb\\\nc}d\\par e", "ab\nc\n");
    text_is("{\\rtf1}", "");
    /* Unterminated groups: what there is reads. */
    text_is("{\\rtf1 abc{\\b def", "abcdef\n");
}
END_TEST

START_TEST(test_control_symbols_and_words)
{
    text_is("{\\rtf1 a\\~b\\-c\\_d\\\\e\\{f\\}g\\tab h\\line i\\par}",
            "a\xC2\xA0" "bc-d\\e{f}g h i\n");
    text_is("{\\rtf1 \\emdash\\endash\\lquote\\rquote\\ldblquote\\rdblquote"
            "\\bullet\\par}",
            "\xE2\x80\x94\xE2\x80\x93\xE2\x80\x98\xE2\x80\x99\xE2\x80\x9C"
            "\xE2\x80\x9D\xE2\x80\xA2\n");
    /* The space after a control word delimits it; a second one is text.
     * Unknown words (and their parameters) are dropped. */
    text_is("{\\rtf1 \\b  bold\\b0\\fs24 x\\unknownword123 y\\par}",
            " boldxy\n");
    /* A control word too long to be one of ours, huge parameters. */
    text_is("{\\rtf1 \\aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa z"
            "\\fs99999999999999999 w\\par}",
            "zw\n");
    /* Odd endings. */
    text_is("{\\rtf1 a\\'", "a\n");
    text_is("{\\rtf1 a\\'zz b", "azz b\n");
    text_is("{\\rtf1 a\\", "a\n");
}
END_TEST

START_TEST(test_unicode)
{
    /* \uN with its fallback skipped (\uc1 by default). */
    text_is("{\\rtf1 \\u20013\\'3f\\u25991?\\par}", "中文\n");
    /* \ucN: two fallback bytes, none; it is scoped to the group. */
    text_is("{\\rtf1 {\\uc2\\u20013\\'d6\\'d0}\\u25991?\\par}", "中文\n");
    text_is("{\\rtf1\\uc0\\u20013 x\\par}", "中x\n");
    /* Negative values are 16-bit; a surrogate pair; lone surrogates;
     * values out of range; no parameter; U+0000. */
    text_is("{\\rtf1 \\u-3913?\\par}", "\xEF\x82\xB7\n");
    text_is("{\\rtf1 \\u-10179?\\u-8704?\\par}", "\xF0\x9F\x98\x80\n");
    text_is("{\\rtf1 \\u-10179?x\\u-8704?y\\par}",
            "\xEF\xBF\xBDx\xEF\xBF\xBDy\n");
    text_is("{\\rtf1 a\\u99999?b\\u-99999?c\\u d\\u0?e\\par}",
            "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "cde\n");
    /* A group ends the fallback; control words count in it. */
    text_is("{\\rtf1 {\\u20013}\\'41\\par}", "中A\n");
    text_is("{\\rtf1 \\uc1\\u20013\\b x\\par}", "中x\n");
    /* \ucN out of reason is capped, not a way to swallow the text. */
    text_is("{\\rtf1 \\uc999999\\u20013 0123456789abcdefghij\\par}",
            "中ghij\n");
}
END_TEST

START_TEST(test_code_pages)
{
    /* \ansicpg936: two \'hh are one character (GBK). */
    text_is("{\\rtf1\\ansi\\ansicpg936 \\'d6\\'d0\\'ce\\'c4 ok\\par}",
            "中文 ok\n");
    /* Fonts' charsets: Western, Chinese (134), Traditional (136), a \cpg;
     * \plain returns to the default font. */
    text_is("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset0 "
            "Arial;}{\\f1\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}{\\f2\\fcharset136 "
            "MingLiU;}{\\f3\\cpg936 X;}}"
            "caf\\'e9 {\\f1\\'d6\\'d0}{\\f2\\'a4\\'a4}{\\f3\\'ce\\'c4}"
            "\\f1\\'d6\\plain\\'e9\\par}",
            "café 中中文\xEF\xBF\xBD" "é\n");
    /* Plain 8-bit bytes in the text, in the document's code page. */
    text_is("{\\rtf1\\ansicpg936 \xd6\xd0\\par}", "中\n");
    /* In a Chinese document a font declared Western does not make its
     * bytes Latin-1. */
    text_is("{\\rtf1\\ansicpg936{\\fonttbl{\\f0\\fcharset0 Times;}}\\f0 "
            "\\'d6\\'d0\\par}",
            "中\n");
    /* Plain UTF-8 in a Western document is read as UTF-8 (counting as one
     * fallback character); escaped bytes stay Windows-1252. */
    text_is("{\\rtf1\\ansi 中文 \\'c3\\'a9 \xc3\xa9 \xe9\\u20013\xe6\x96\x87"
            "\\par}",
            "中文 Ã© é é中\n");
    /* A code page iconv does not know reads as Windows-1252. */
    text_is("{\\rtf1\\ansicpg12345 \\'e9\\par}", "é\n");
    /* \mac. */
    text_is("{\\rtf1\\mac \\'8e\\par}", "é\n");
}
END_TEST

START_TEST(test_destinations)
{
    text_is("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0\\green0"
            "\\blue0;}{\\stylesheet{\\s0 Normal;}}{\\info{\\title 标题"
            "}{\\author 作者}}{\\*\\generator Writer;}{\\*\\unknowndest x}"
            "{\\header 页眉\\par}{\\footer 页脚\\par}"
            "正文{\\footnote 脚注}{\\*\\bkmkstart b}{\\*\\bkmkend b}"
            "{\\pict\\pngblip 89504e47}{\\*\\shppict{\\pict 00}}"
            "{\\nonshppict{\\pict 00}}{\\object{\\*\\objdata 00}"
            "{\\result 结果}}。\\par}",
            "正文。\n");
    /* \binN data is skipped whatever bytes it holds. */
    text_is("{\\rtf1 a{\\pict\\bin6 }}}{{{}b\\par}", "ab\n");
    text_is("{\\rtf1 a\\bin999999999 }}}", "a\n");
    /* Fields: the result, not the code (starred or not). */
    text_is("{\\rtf1 见{\\field{\\*\\fldinst HYPERLINK \"http://x\"}"
            "{\\fldrslt 附表}}与{\\field{\\fldinst PAGE}{\\fldrslt 3}}页\\par}",
            "见附表与3页\n");
    /* \upr: the Unicode version in \ud, not the ANSI one. */
    text_is("{\\rtf1 {\\upr{ansi}{\\*\\ud{\\u20013?}}}\\par}", "中\n");
}
END_TEST

START_TEST(test_labels)
{
    /* Labels as written (\listtext, \pntext): after 、 ） . the tab reads
     * as nothing, after a bare number as a space; padding spaces drop. */
    text_is("{\\rtf1{\\listtext\\pard\\plain  \\u19968?\\u12289?\\tab}甲\\par"
            "{\\listtext\\pard\\plain 1.\\tab}乙\\par"
            "{\\listtext 3\\tab}丙\\par"
            "{\\pntext\\f0 (1)\\tab}丁\\par"
            "{\\*\\pn\\pnlvlbody{\\pntxta .}}戊\\tab 己\\par}",
            "一、甲\n1.乙\n3 丙\n(1)丁\n戊 己\n");
}
END_TEST

START_TEST(test_hidden_and_deleted)
{
    text_is("{\\rtf1 {\\v 隐藏}显{\\deleted 删除}留\\v 藏\\v0 见"
            "{\\revised 增}\\deleted 删\\plain 后\\par}",
            "显留见增后\n");
}
END_TEST

START_TEST(test_tables)
{
    text_is("{\\rtf1 前\\par\\trowd\\cellx100\\cellx200\\cellx300"
            "\\pard\\intbl A1\\cell\\cell C\\par D\\cell\\row"
            "\\trowd\\cellx100\\pard\\intbl 内{\\nestcell}{\\*\\nesttableprops"
            "\\nestrow}X\\cell\\row\\pard 后\\par}",
            "前\nA1\n\nC\nD\n内\nX\n后\n");
    /* A section break ends what is left of a paragraph. */
    text_is("{\\rtf1 甲\\sect 乙\\par\\sect\\page 丙}", "甲\n乙\n丙\n");
}
END_TEST

START_TEST(test_headings)
{
    arc_input in;
    read_ok(&in,
            "{\\rtf1\\ansi{\\fonttbl{\\f1\\fcharset134 SimSun;}}"
            "{\\stylesheet{\\ql Normal;}"
            "{\\s1 heading 1;}{\\s2\\sbasedon1 Custom;}"
            "{\\s3\\outlinelevel2 Outline;}{\\s4\\f1 \\'b1\\'ea\\'cc\\'e2 2;}"
            "{\\*\\cs10 heading 9;}{\\s5\\sbasedon6 L5;}{\\s6\\sbasedon5 L6;}"
            "{\\s7 \\outlinelevel9 heading 1;}}"
            "\\pard\\s1 一\\par\\pard\\s2 二\\par\\pard\\s3 三\\par"
            "\\pard\\outlinelevel0 直接\\par\\pard 正文\\par"
            "\\pard\\s4 中文名\\par\\pard\\s1\\outlinelevel9 降级\\par"
            "\\pard\\s10 字符样式号\\par\\pard\\s5 循环\\par"
            "\\pard\\s7 正文级\\par{\\pard\\s1 组内\\par}组外\\par}",
            "一\n二\n三\n直接\n正文\n中文名\n降级\n字符样式号\n循环\n正文级\n"
            "组内\n组外\n");
    outline_is(&in, (const unsigned char[]){1, 1, 3, 1, 0, 2, 0, 0, 0, 0, 1,
                                            0},
               12);
    arc_input_free(&in);
}
END_TEST

/* ------------------------------------------------------------ hostile */

START_TEST(test_nesting)
{
    /* 500 groups deep reads; 600 is refused. */
    char *deep = malloc(2000);
    strcpy(deep, "{\\rtf1 ");
    for (int i = 0; i < 499; i++)
        strcat(deep, "{");
    strcat(deep, "x");
    for (int i = 0; i < 500; i++)
        strcat(deep, "}");
    text_is(deep, "x\n");
    strcpy(deep, "{\\rtf1 ");
    for (int i = 0; i < 600; i++)
        strcat(deep, "{");
    refused_len(deep, strlen(deep), NULL, "嵌套超过 512 层");
    free(deep);
}
END_TEST

START_TEST(test_refusals)
{
    const char *s = "这是文字，不是 RTF。";
    refused_len(s, strlen(s), NULL, "{\\rtf");
    refused_len("", 0, NULL, "{\\rtf");
    arc_input_limits small = {10, 100, NULL};
    const char *r = "{\\rtf1 一二三四五\\par}";
    refused_len(r, strlen(r), &small, "文字超过 10 字节");
    /* NUL bytes and other controls in the text are dropped. */
    arc_input in;
    char reason[256];
    const char nul[] = "{\\rtf1 a\0b\x01" "c\\par}";
    ck_assert_int_eq(arc_input_rtf(&in, nul, sizeof nul - 1, &big, reason,
                                   sizeof reason),
                     0);
    ck_assert_str_eq(in.text, "abc\n");
    arc_input_free(&in);
}
END_TEST

/* Random bytes inside a valid document: text or a reason, never a crash
 * (the suite also runs under ASan). */
START_TEST(test_mutations)
{
    const char *base =
        "{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 x;}}"
        "{\\stylesheet{\\s1 heading 1;}}\\pard\\s1{\\listtext 一、\\tab}"
        "\\'d6\\'d0\\u20013?{\\field{\\*\\fldinst X}{\\fldrslt y}}\\par"
        "\\trowd\\cellx1\\intbl a\\cell\\row{\\*\\x}\\bin3 abc\\uc2\\u1?? e}";
    size_t len = strlen(base);
    char *m = malloc(len + 1);
    uint32_t seed = 777;
    for (int round = 0; round < 3000; round++) {
        memcpy(m, base, len + 1);
        for (int f = 0; f < 1 + round % 6; f++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = 5 + (seed >> 8) % (len - 5);
            seed = seed * 1103515245u + 12345u;
            static const char pick[] = "{}\\'0123456789-uc*binpar ";
            m[at] = round % 2 ? (char)(seed >> 16)
                              : pick[(seed >> 16) % (sizeof pick - 1)];
        }
        arc_input in;
        char reason[256] = "";
        int rc = arc_input_rtf(&in, m, len, &big, reason, sizeof reason);
        ck_assert_msg(rc == 0 || rc == ARC_EPARSE, "round %d: rc %d", round,
                      rc);
        if (rc == 0)
            ck_assert_uint_eq(in.len, strlen(in.text));
        arc_input_free(&in);
    }
    free(m);
}
END_TEST

/* ------------------------------------------------------------- readers */

START_TEST(test_reader_table)
{
    const char *r = "{\\rtf1 甲\\par}";
    ck_assert_str_eq(arc_reader_for("a.rtf", r, strlen(r))->name, "rtf");
    /* {\rtf is certain: it beats the name (Word saves RTF as .doc). */
    ck_assert_str_eq(arc_reader_for("a.doc", r, strlen(r))->name, "rtf");
    ck_assert_str_eq(arc_reader_for("a.txt", r, strlen(r))->name, "rtf");
    ck_assert_str_eq(arc_reader_by_name("X.RTF")->name, "rtf");
    const char *t = "只是文字";
    const arc_reader *rd = arc_reader_for("a.rtf", t, strlen(t));
    ck_assert_str_eq(rd->name, "rtf");
    arc_input in;
    char reason[256];
    ck_assert_int_eq(rd->read(&in, t, strlen(t), NULL, NULL, reason, sizeof reason),
                     ARC_EPARSE);
    arc_load_opts o = {.max_uncompressed = 2};
    rd = arc_reader_for("a.rtf", r, strlen(r));
    ck_assert_int_eq(rd->read(&in, r, strlen(r), &o, NULL, reason, sizeof reason),
                     ARC_EPARSE);
    ck_assert_int_eq(rd->read(&in, r, strlen(r), NULL, NULL, reason, sizeof reason),
                     0);
    ck_assert_str_eq(in.text, "甲\n");
    arc_input_free(&in);
}
END_TEST

/* ------------------------------------------------ LibreOffice's output */

static const char *office_dir;

START_TEST(test_office_samples)
{
    static const char *const names[] = {
        "compliant", "compliant-2", "date-invalid", "deadline-unknown",
        "no-causes", "numbering-gap", "prose-only-shortcomings",
        "sum-mismatch", "work-plan", "year-mismatch"};
    arc_test_office_same_text(arc_input_rtf, office_dir, "rtf", names,
                              sizeof names / sizeof names[0]);
}
END_TEST

START_TEST(test_office_rich)
{
    char path[4096];
    size_t el, rl;
    snprintf(path, sizeof path, "%s/rich/rich.expected", office_dir);
    char *want = arc_test_slurp(path, &el);
    snprintf(path, sizeof path, "%s/rich/rich.rtf", office_dir);
    char *rtf = arc_test_slurp(path, &rl);
    arc_input in;
    char reason[256];
    ck_assert_int_eq(arc_input_rtf(&in, rtf, rl, NULL, reason, sizeof reason),
                     0);
    char *got = malloc(in.len + 4 * in.nlines + 1), *g = got;
    const char *p = in.text;
    for (size_t i = 0; i < in.nlines; i++) {
        const char *nl = strchr(p, '\n');
        g += sprintf(g, "%u\t%.*s\n", in.outline[i], (int)(nl - p), p);
        p = nl + 1;
    }
    ck_assert_str_eq(got, want);
    free(got);
    arc_input_free(&in);
    free(want);
    free(rtf);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("input_rtf");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_paragraphs);
    tcase_add_test(tc, test_control_symbols_and_words);
    tcase_add_test(tc, test_unicode);
    tcase_add_test(tc, test_code_pages);
    tcase_add_test(tc, test_destinations);
    tcase_add_test(tc, test_labels);
    tcase_add_test(tc, test_hidden_and_deleted);
    tcase_add_test(tc, test_tables);
    tcase_add_test(tc, test_headings);
    suite_add_tcase(s, tc);
    tc = tcase_create("hostile");
    tcase_add_test(tc, test_nesting);
    tcase_add_test(tc, test_refusals);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mutations);
    suite_add_tcase(s, tc);
    tc = tcase_create("readers");
    tcase_add_test(tc, test_reader_table);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *office_suite(void)
{
    Suite *s = suite_create("input_rtf.libreoffice");
    TCase *tc = tcase_create("libreoffice");
    tcase_add_test(tc, test_office_samples);
    tcase_add_test(tc, test_office_rich);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    return arc_test_reader_main(argc, argv, suite, office_suite, &office_dir);
}

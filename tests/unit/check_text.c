/* check_text.c - UTF-8 helpers, text normalisation and offset mapping,
 * small Chinese numerals (text.h). */
#include "testutil.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* Decodes s (strlen bytes) and returns the length; *cp gets the code point
 * (or stays 0xDEADBEEF when the decoder refuses). */
static size_t dec(const char *s, uint32_t *cp)
{
    *cp = 0xDEADBEEFu;
    return arc_utf8_decode(s, strlen(s), cp);
}

static void text_init_str(arc_text *t, const char *s)
{
    ck_assert_int_eq(arc_text_init(t, s, strlen(s), NULL), 0);
}

/* ------------------------------------------------------------ decode */

START_TEST(test_decode_valid_lengths)
{
    uint32_t cp;
    ck_assert_uint_eq(dec("A", &cp), 1);
    ck_assert_uint_eq(cp, 0x41);
    ck_assert_uint_eq(dec("\xC3\xA9", &cp), 2); /* é */
    ck_assert_uint_eq(cp, 0xE9);
    ck_assert_uint_eq(dec("青", &cp), 3);
    ck_assert_uint_eq(cp, 0x9752);
    ck_assert_uint_eq(dec("\xF0\x9F\x98\x80", &cp), 4); /* U+1F600 */
    ck_assert_uint_eq(cp, 0x1F600);
    /* Boundary values of each length. */
    ck_assert_uint_eq(dec("\xC2\x80", &cp), 2);
    ck_assert_uint_eq(cp, 0x80);
    ck_assert_uint_eq(dec("\xE0\xA0\x80", &cp), 3);
    ck_assert_uint_eq(cp, 0x800);
    ck_assert_uint_eq(dec("\xEF\xBF\xBF", &cp), 3);
    ck_assert_uint_eq(cp, 0xFFFF);
    ck_assert_uint_eq(dec("\xF4\x8F\xBF\xBF", &cp), 4);
    ck_assert_uint_eq(cp, 0x10FFFF);
    /* Only the first sequence is decoded. */
    ck_assert_uint_eq(dec("禾区", &cp), 3);
    ck_assert_uint_eq(cp, 0x79BE);
}
END_TEST

START_TEST(test_decode_overlong)
{
    uint32_t cp;
    ck_assert_uint_eq(dec("\xC0\x80", &cp), 0);         /* NUL in 2 */
    ck_assert_uint_eq(dec("\xC1\xBF", &cp), 0);         /* U+7F in 2 */
    ck_assert_uint_eq(dec("\xE0\x80\xAF", &cp), 0);     /* '/' in 3 */
    ck_assert_uint_eq(dec("\xE0\x9F\xBF", &cp), 0);     /* U+7FF in 3 */
    ck_assert_uint_eq(dec("\xF0\x80\x80\x80", &cp), 0); /* NUL in 4 */
    ck_assert_uint_eq(dec("\xF0\x8F\xBF\xBF", &cp), 0); /* U+FFFF in 4 */
    ck_assert_uint_eq(cp, 0xDEADBEEFu);
}
END_TEST

START_TEST(test_decode_surrogates)
{
    uint32_t cp;
    ck_assert_uint_eq(dec("\xED\xA0\x80", &cp), 0); /* U+D800 */
    ck_assert_uint_eq(dec("\xED\xB0\x80", &cp), 0); /* U+DC00 */
    ck_assert_uint_eq(dec("\xED\xBF\xBF", &cp), 0); /* U+DFFF */
    /* Neighbours of the surrogate block are fine. */
    ck_assert_uint_eq(dec("\xED\x9F\xBF", &cp), 3);
    ck_assert_uint_eq(cp, 0xD7FF);
    ck_assert_uint_eq(dec("\xEE\x80\x80", &cp), 3);
    ck_assert_uint_eq(cp, 0xE000);
}
END_TEST

START_TEST(test_decode_truncated_and_bad_continuation)
{
    uint32_t cp = 0;
    const char *qing = "青"; /* E9 9D 92 */
    ck_assert_uint_eq(arc_utf8_decode(qing, 2, &cp), 0);
    ck_assert_uint_eq(arc_utf8_decode(qing, 1, &cp), 0);
    ck_assert_uint_eq(arc_utf8_decode(qing, 0, &cp), 0);
    ck_assert_uint_eq(arc_utf8_decode("\xF0\x9F\x98", 3, &cp), 0);
    ck_assert_uint_eq(dec("\xE9\x41\x92", &cp), 0); /* 'A' as 2nd byte */
    ck_assert_uint_eq(dec("\xE9\x9D\xC0", &cp), 0); /* lead byte as 3rd */
    ck_assert_uint_eq(dec("\x80", &cp), 0);         /* lone continuation */
    ck_assert_uint_eq(dec("\xBF\x41", &cp), 0);
}
END_TEST

START_TEST(test_decode_above_max)
{
    uint32_t cp;
    ck_assert_uint_eq(dec("\xF4\x90\x80\x80", &cp), 0); /* U+110000 */
    ck_assert_uint_eq(dec("\xF5\x80\x80\x80", &cp), 0);
    ck_assert_uint_eq(dec("\xF7\xBF\xBF\xBF", &cp), 0);
    ck_assert_uint_eq(dec("\xF8\x88\x80\x80\x80", &cp), 0); /* 5 bytes */
    ck_assert_uint_eq(dec("\xFC\x84\x80\x80\x80\x80", &cp), 0);
    ck_assert_uint_eq(dec("\xFE", &cp), 0);
    ck_assert_uint_eq(dec("\xFF", &cp), 0);
    ck_assert_uint_eq(cp, 0xDEADBEEFu);
}
END_TEST

START_TEST(test_encode_roundtrip)
{
    static const uint32_t cps[] = {0x24, 0x7F, 0x80, 0x7FF, 0x800, 0x9752,
                                   0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    static const size_t lens[] = {1, 1, 2, 2, 3, 3, 3, 4, 4, 4};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        uint32_t back = 0;
        size_t k = arc_utf8_encode(cps[i], buf);
        ck_assert_uint_eq(k, lens[i]);
        ck_assert_uint_eq(arc_utf8_decode(buf, k, &back), k);
        ck_assert_uint_eq(back, cps[i]);
    }
    char buf[4];
    ck_assert_uint_eq(arc_utf8_encode(0x79BE, buf), 3);
    ck_assert_mem_eq(buf, "禾", 3);
}
END_TEST

/* ------------------------------------------------------------ validate */

START_TEST(test_validate)
{
    const char ok[] = "青禾区 report 2023";
    ck_assert_uint_eq(arc_utf8_validate(ok, strlen(ok)), strlen(ok));
    ck_assert_uint_eq(arc_utf8_validate("", 0), 0);
    /* Offset of the first bad byte. */
    ck_assert_uint_eq(arc_utf8_validate("ab\xFF" "cd", 5), 2);
    ck_assert_uint_eq(arc_utf8_validate("青\xC0\x80", 5), 3);     /* overlong */
    ck_assert_uint_eq(arc_utf8_validate("a\xED\xA0\x80", 4), 1);  /* surrogate */
    ck_assert_uint_eq(arc_utf8_validate("禾区\xE9\x9D", 8), 6);   /* truncated */
    ck_assert_uint_eq(arc_utf8_validate("x\xF4\x90\x80\x80", 5), 1);
    /* Embedded NUL is ASCII and valid. */
    ck_assert_uint_eq(arc_utf8_validate("a\0b", 3), 3);
}
END_TEST

/* ------------------------------------------------------------ count / prefix */

START_TEST(test_count)
{
    const char *s = "青禾区ab１";
    ck_assert_uint_eq(arc_utf8_count(s, strlen(s)), 6);
    ck_assert_uint_eq(arc_utf8_count(s, 0), 0);
    ck_assert_uint_eq(arc_utf8_count(s, 6), 2); /* 青禾 */
    ck_assert_uint_eq(arc_utf8_count("\xF0\x9F\x98\x80z", 5), 2);
}
END_TEST

/* The count goes eight bytes at a time: every start and length, with
 * characters of 1 to 4 bytes straddling the 8-byte steps, must give what
 * counting byte by byte gives. */
START_TEST(test_count_every_window)
{
    const char *s = "a青\xC2\xA0" "b禾\xF0\x9F\x98\x80区c\x7F１２x年";
    size_t n = strlen(s);
    for (size_t from = 0; from <= n; from++)
        for (size_t len = 0; from + len <= n; len++) {
            size_t want = 0;
            for (size_t i = from; i < from + len; i++)
                if (((unsigned char)s[i] & 0xC0) != 0x80)
                    want++;
            ck_assert_uint_eq(arc_utf8_count(s + from, len), want);
        }
}
END_TEST

START_TEST(test_prefix)
{
    const char *s = "青禾区ab"; /* 9 + 2 bytes */
    size_t n = strlen(s);
    ck_assert_uint_eq(arc_utf8_prefix(s, n, 0), 0);
    ck_assert_uint_eq(arc_utf8_prefix(s, n, 1), 3);
    ck_assert_uint_eq(arc_utf8_prefix(s, n, 2), 6);
    ck_assert_uint_eq(arc_utf8_prefix(s, n, 3), 9);
    ck_assert_uint_eq(arc_utf8_prefix(s, n, 4), 10);
    ck_assert_uint_eq(arc_utf8_prefix(s, n, 5), 11);
    ck_assert_uint_eq(arc_utf8_prefix(s, n, 100), 11);
    /* Never splits a 4-byte character. */
    ck_assert_uint_eq(arc_utf8_prefix("a\xF0\x9F\x98\x80" "b", 6, 2), 5);
}
END_TEST

/* ------------------------------------------------------------ normalisation */

START_TEST(test_fold_fullwidth_digits)
{
    arc_text t;
    text_init_str(&t, "０１２３４５６７８９");
    ck_assert_str_eq(t.norm, "0123456789");
    ck_assert_uint_eq(t.norm_len, 10);
    ck_assert_uint_eq(t.orig_len, 30);
    ck_assert_mem_eq(t.orig, "０１２３４５６７８９", 30);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_fold_punctuation)
{
    arc_text t;
    text_init_str(&t, "（一）目标：完成１２项，达到９５％。ＡＢｃ１．");
    ck_assert_str_eq(t.norm, "(一)目标:完成12项,达到95%。ABc1.");
    arc_text_free(&t);
    /* 、 and 。 are CJK punctuation, not full-width ASCII: kept. */
    text_init_str(&t, "一、二。");
    ck_assert_str_eq(t.norm, "一、二。");
    arc_text_free(&t);
}
END_TEST

START_TEST(test_fold_spaces)
{
    arc_text t;
    /* U+3000 ideographic space, U+00A0 no-break space. */
    text_init_str(&t, "\xE3\x80\x80\xE3\x80\x80" "一、甲\xC2\xA0乙");
    ck_assert_str_eq(t.norm, "  一、甲 乙");
    arc_text_free(&t);
    /* U+2002 en space, U+202F narrow no-break space. */
    text_init_str(&t, "a\xE2\x80\x82" "b\xE2\x80\xAF" "c");
    ck_assert_str_eq(t.norm, "a b c");
    arc_text_free(&t);
}
END_TEST

START_TEST(test_drop_zero_width)
{
    arc_text t;
    /* U+200B zero-width space, U+200D ZWJ, U+FEFF inside the text. */
    text_init_str(&t, "青\xE2\x80\x8B禾\xE2\x80\x8D区\xEF\xBB\xBF!");
    ck_assert_str_eq(t.norm, "青禾区!");
    ck_assert_uint_eq(t.norm_len, 10);
    /* The original keeps them. */
    ck_assert_uint_eq(t.orig_len, 19);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_crlf_and_cr)
{
    arc_text t;
    text_init_str(&t, "甲\r\n乙\r丙\n丁\r\n");
    ck_assert_str_eq(t.norm, "甲\n乙\n丙\n丁\n");
    /* line starts: 0, 5 (after CRLF), 9 (after CR), 13, 18 */
    ck_assert_uint_eq(t.nlines, 5);
    ck_assert_uint_eq(t.lines[0], 0);
    ck_assert_uint_eq(t.lines[1], 5);
    ck_assert_uint_eq(t.lines[2], 9);
    ck_assert_uint_eq(t.lines[3], 13);
    ck_assert_uint_eq(t.lines[4], 18);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_bom_skipped)
{
    arc_text t;
    text_init_str(&t, "\xEF\xBB\xBF" "青禾");
    ck_assert_uint_eq(t.bom, 3);
    ck_assert_str_eq(t.norm, "青禾");
    ck_assert_uint_eq(t.orig_len, 6);
    ck_assert_mem_eq(t.orig, "青禾", 6);
    arc_text_free(&t);
    text_init_str(&t, "青禾");
    ck_assert_uint_eq(t.bom, 0);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_empty_text)
{
    arc_text t;
    ck_assert_int_eq(arc_text_init(&t, "", 0, NULL), 0);
    ck_assert_uint_eq(t.norm_len, 0);
    ck_assert_str_eq(t.norm, "");
    ck_assert_uint_eq(t.nlines, 1);
    ck_assert_uint_eq(arc_text_orig(&t, 0), 0);
    int line = -1, col = -1;
    size_t oo = 99;
    arc_text_position(&t, 0, &line, &col, &oo);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 1);
    ck_assert_uint_eq(oo, 0);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_map_points_to_original)
{
    arc_text t;
    text_init_str(&t, "Ａ\xE2\x80\x8B" "b青\r\nc");
    /* norm: "Ab青\nc" = A(0) b(1) 青(2..4) \n(5) c(6) */
    ck_assert_str_eq(t.norm, "Ab青\nc");
    ck_assert_uint_eq(arc_text_orig(&t, 0), 0);  /* Ａ */
    ck_assert_uint_eq(arc_text_orig(&t, 1), 6);  /* b after the 3-byte ZWSP */
    ck_assert_uint_eq(arc_text_orig(&t, 2), 7);  /* 青 byte 1 */
    ck_assert_uint_eq(arc_text_orig(&t, 4), 9);  /* 青 byte 3 */
    ck_assert_uint_eq(arc_text_orig(&t, 5), 10); /* CR of CRLF */
    ck_assert_uint_eq(arc_text_orig(&t, 6), 12); /* c */
    ck_assert_uint_eq(arc_text_orig(&t, 7), 13); /* end */
    arc_text_free(&t);
}
END_TEST

/* ------------------------------------------------------------ positions */

START_TEST(test_position_after_chinese)
{
    arc_text t;
    text_init_str(&t, "青禾区法治ab");
    int line, col;
    size_t oo;
    /* 'a' is at normalised byte 15, character 6. */
    arc_text_position(&t, 15, &line, &col, &oo);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 6);
    ck_assert_uint_eq(oo, 15);
    arc_text_position(&t, 0, &line, &col, &oo);
    ck_assert_int_eq(col, 1);
    arc_text_position(&t, 3, &line, &col, NULL); /* 禾 */
    ck_assert_int_eq(col, 2);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_position_after_fullwidth)
{
    arc_text t;
    /* Folded characters shrink from 3 bytes to 1 in the normalised text,
     * but each still counts as one column of the original. */
    text_init_str(&t, "（１２）：青禾");
    ck_assert_str_eq(t.norm, "(12):青禾");
    int line, col;
    size_t oo;
    arc_text_position(&t, 5, &line, &col, &oo); /* 青 */
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 6);
    ck_assert_uint_eq(oo, 15);
    arc_text_position(&t, 8, &line, &col, &oo); /* 禾 */
    ck_assert_int_eq(col, 7);
    ck_assert_uint_eq(oo, 18);
    arc_text_position(&t, 2, &line, &col, &oo); /* ２ */
    ck_assert_int_eq(col, 3);
    ck_assert_uint_eq(oo, 6);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_position_line2_after_crlf)
{
    arc_text t;
    text_init_str(&t, "第一行：甲\r\n（二）乙ｘ\r\n");
    /* norm: "第一行:甲\n(二)乙x\n"; line 2 starts at normalised byte 14,
     * original byte 17. */
    ck_assert_str_eq(t.norm, "第一行:甲\n(二)乙x\n");
    int line, col;
    size_t oo;
    arc_text_position(&t, 14, &line, &col, &oo); /* ( */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 1);
    ck_assert_uint_eq(oo, 17);
    arc_text_position(&t, 19, &line, &col, &oo); /* 乙 */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 4);
    ck_assert_uint_eq(oo, 26);
    arc_text_position(&t, 22, &line, &col, &oo); /* x */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 5);
    ck_assert_uint_eq(oo, 29);
    /* The LF of line 1 is the CR of the original, last column + 1. */
    arc_text_position(&t, 13, &line, &col, &oo);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 6);
    ck_assert_uint_eq(oo, 15);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_position_with_bom)
{
    arc_text t;
    text_init_str(&t, "\xEF\xBB\xBF" "青禾：１\r\n区ｘ");
    ck_assert_str_eq(t.norm, "青禾:1\n区x");
    int line, col;
    size_t oo;
    /* The BOM is not a column, but original offsets count its bytes. */
    arc_text_position(&t, 0, &line, &col, &oo);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 1);
    ck_assert_uint_eq(oo, 3);
    arc_text_position(&t, 7, &line, &col, &oo); /* 1 */
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 4);
    ck_assert_uint_eq(oo, 3 + 9);
    arc_text_position(&t, 12, &line, &col, &oo); /* x on line 2 */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 2);
    ck_assert_uint_eq(oo, 3 + 17);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_position_after_cr_only_and_zero_width)
{
    arc_text t;
    text_init_str(&t, "甲\r乙\xE2\x80\x8B" "丙");
    ck_assert_str_eq(t.norm, "甲\n乙丙");
    int line, col;
    size_t oo;
    arc_text_position(&t, 4, &line, &col, &oo); /* 乙 */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 1);
    /* 丙 follows a zero-width space that is still in the original. */
    arc_text_position(&t, 7, &line, &col, &oo);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 3);
    ck_assert_uint_eq(oo, 10);
    arc_text_free(&t);
}
END_TEST

START_TEST(test_position_clamped_and_orig_position)
{
    arc_text t;
    text_init_str(&t, "ab\n青");
    int line, col;
    size_t oo;
    arc_text_position(&t, 1000, &line, &col, &oo);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 2);
    ck_assert_uint_eq(oo, 6);
    arc_text_orig_position(&t, 3, &line, &col);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 1);
    arc_text_orig_position(&t, 2, &line, &col); /* the LF itself */
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 3);
    arc_text_free(&t);
}
END_TEST

/* ------------------------------------------------------------ numerals */

static int cn(const char *s, size_t *consumed)
{
    int v = -12345;
    *consumed = arc_cn_small_number(s, strlen(s), &v);
    return v;
}

START_TEST(test_cn_small_number)
{
    size_t k;
    ck_assert_int_eq(cn("一", &k), 1);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(cn("二", &k), 2);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(cn("九", &k), 9);
    ck_assert_int_eq(cn("十", &k), 10);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(cn("十二", &k), 12);
    ck_assert_uint_eq(k, 6);
    ck_assert_int_eq(cn("二十", &k), 20);
    ck_assert_uint_eq(k, 6);
    ck_assert_int_eq(cn("二十三", &k), 23);
    ck_assert_uint_eq(k, 9);
    ck_assert_int_eq(cn("九十九", &k), 99);
    ck_assert_uint_eq(k, 9);
    ck_assert_int_eq(cn("两", &k), 2);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(cn("〇", &k), 0);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(cn("零", &k), 0);
    ck_assert_uint_eq(k, 3);
}
END_TEST

START_TEST(test_cn_small_number_stops_at_non_numeral)
{
    size_t k;
    ck_assert_int_eq(cn("三、加强", &k), 3);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(cn("十一是", &k), 11);
    ck_assert_uint_eq(k, 6);
    ck_assert_int_eq(cn("四)", &k), 4);
    ck_assert_uint_eq(k, 3);
    /* 二〇: the second digit is not part of a 十 form. */
    ck_assert_int_eq(cn("二〇二三年", &k), 2);
    ck_assert_uint_eq(k, 3);
    /* 二十〇: 〇 is not a units digit after 十. */
    ck_assert_int_eq(cn("二十〇", &k), 20);
    ck_assert_uint_eq(k, 6);
}
END_TEST

START_TEST(test_cn_small_number_rejects)
{
    int v = 77;
    ck_assert_uint_eq(arc_cn_small_number("区", 3, &v), 0);
    ck_assert_uint_eq(arc_cn_small_number("a", 1, &v), 0);
    ck_assert_uint_eq(arc_cn_small_number("1", 1, &v), 0);
    ck_assert_uint_eq(arc_cn_small_number("", 0, &v), 0);
    ck_assert_uint_eq(arc_cn_small_number("百", 3, &v), 0);
    /* 〇十 / 零十 is not a numeral. */
    ck_assert_uint_eq(arc_cn_small_number("〇十", 6, &v), 0);
    ck_assert_int_eq(v, 77);
    /* Truncated: only 2 of 3 bytes available. */
    ck_assert_uint_eq(arc_cn_small_number("一", 2, &v), 0);
    ck_assert_int_eq(v, 77);
    /* n limits the read: 十 of 十二 only. */
    ck_assert_uint_eq(arc_cn_small_number("十二", 3, &v), 3);
    ck_assert_int_eq(v, 10);
}
END_TEST

/*
 * Regression (minor, text.c arc_cn_small_number): the grammar comment says
 * "d in 一..九 (两 only alone)", but 两 is accepted as the tens digit and as
 * the units digit: "两十" reads as 20 and "十两" as 12.  Fix: in cn_digit's
 * callers, accept 两 only when it is the whole numeral (not followed by 十
 * and not after 十).
 */
START_TEST(test_cn_liang_only_alone)
{
    size_t k;
    /* 两 alone, then 十 is not part of the numeral. */
    ck_assert_int_eq(cn("两十", &k), 2);
    ck_assert_uint_eq(k, 3);
    /* 十 then 两: 两 is not a units digit. */
    ck_assert_int_eq(cn("十两", &k), 10);
    ck_assert_uint_eq(k, 3);
}
END_TEST

START_TEST(test_cn_small_render)
{
    char buf[16];
    ck_assert_str_eq(arc_cn_small_render(1, buf), "一");
    ck_assert_str_eq(arc_cn_small_render(4, buf), "四");
    ck_assert_str_eq(arc_cn_small_render(10, buf), "十");
    ck_assert_str_eq(arc_cn_small_render(12, buf), "十二");
    ck_assert_str_eq(arc_cn_small_render(20, buf), "二十");
    ck_assert_str_eq(arc_cn_small_render(35, buf), "三十五");
    ck_assert_str_eq(arc_cn_small_render(99, buf), "九十九");
    ck_assert_str_eq(arc_cn_small_render(0, buf), "");
    ck_assert_str_eq(arc_cn_small_render(100, buf), "");
    ck_assert_str_eq(arc_cn_small_render(-3, buf), "");
    /* Returns its buffer. */
    ck_assert_ptr_eq(arc_cn_small_render(7, buf), buf);
}
END_TEST

START_TEST(test_cn_render_parse_roundtrip)
{
    char buf[16];
    for (int v = 1; v <= 99; v++) {
        int back = -1;
        arc_cn_small_render(v, buf);
        size_t n = strlen(buf);
        ck_assert_uint_eq(arc_cn_small_number(buf, n, &back), n);
        ck_assert_int_eq(back, v);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, test_decode_valid_lengths);
    tcase_add_test(tc, test_decode_overlong);
    tcase_add_test(tc, test_decode_surrogates);
    tcase_add_test(tc, test_decode_truncated_and_bad_continuation);
    tcase_add_test(tc, test_decode_above_max);
    tcase_add_test(tc, test_encode_roundtrip);
    tcase_add_test(tc, test_validate);
    tcase_add_test(tc, test_count);
    tcase_add_test(tc, test_count_every_window);
    tcase_add_test(tc, test_prefix);
    suite_add_tcase(s, tc);

    tc = tcase_create("normalise");
    tcase_add_test(tc, test_fold_fullwidth_digits);
    tcase_add_test(tc, test_fold_punctuation);
    tcase_add_test(tc, test_fold_spaces);
    tcase_add_test(tc, test_drop_zero_width);
    tcase_add_test(tc, test_crlf_and_cr);
    tcase_add_test(tc, test_bom_skipped);
    tcase_add_test(tc, test_empty_text);
    tcase_add_test(tc, test_map_points_to_original);
    suite_add_tcase(s, tc);

    tc = tcase_create("position");
    tcase_add_test(tc, test_position_after_chinese);
    tcase_add_test(tc, test_position_after_fullwidth);
    tcase_add_test(tc, test_position_line2_after_crlf);
    tcase_add_test(tc, test_position_with_bom);
    tcase_add_test(tc, test_position_after_cr_only_and_zero_width);
    tcase_add_test(tc, test_position_clamped_and_orig_position);
    suite_add_tcase(s, tc);

    tc = tcase_create("numerals");
    tcase_add_test(tc, test_cn_small_number);
    tcase_add_test(tc, test_cn_small_number_stops_at_non_numeral);
    tcase_add_test(tc, test_cn_small_number_rejects);
    tcase_add_test(tc, test_cn_liang_only_alone);
    tcase_add_test(tc, test_cn_small_render);
    tcase_add_test(tc, test_cn_render_parse_roundtrip);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

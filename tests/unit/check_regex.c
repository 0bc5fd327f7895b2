/* check_regex.c - the PCRE2 wrapper (regex.h). */
#include "testutil.h"
#include "regex.h"

#include <string.h>

static arc_regex *compile(const char *pattern)
{
    arc_regex *re = NULL;
    char msg[256] = "";
    size_t off = 0;
    int rc = arc_regex_compile(&re, pattern, strlen(pattern), msg, sizeof msg,
                               &off);
    ck_assert_msg(rc == 0, "compile %s: %s at %zu", pattern, msg, off);
    ck_assert_ptr_nonnull(re);
    return re;
}

/* Searches the whole of subj from `start`; returns the search result. */
static int search(const arc_regex *re, arc_matcher *m, const char *subj,
                  size_t start, int anchored, size_t *ms, size_t *me)
{
    return arc_regex_search(re, m, subj, strlen(subj), start, anchored, ms,
                            me);
}

START_TEST(test_compile_ok_and_match)
{
    arc_regex *re = compile("a+b");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms = 99, me = 99;
    ck_assert_int_eq(search(re, m, "xxaaab!", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 2);
    ck_assert_uint_eq(me, 6);
    ck_assert_int_eq(search(re, m, "bbb", 0, 0, &ms, &me), 0);
    /* ms / me may be NULL. */
    ck_assert_int_eq(search(re, m, "ab", 0, 0, NULL, NULL), 1);
    arc_matcher_free(m);
    arc_regex_free(re);
}
END_TEST

START_TEST(test_compile_error_message_and_offset)
{
    arc_regex *re = (arc_regex *)&re; /* must be reset to NULL */
    char msg[256] = "";
    size_t off = 999;
    const char *p = "ab(cd";
    int rc = arc_regex_compile(&re, p, strlen(p), msg, sizeof msg, &off);
    ck_assert_int_eq(rc, ARC_EPARSE);
    ck_assert_ptr_null(re);
    ck_assert_str_eq(msg, "missing closing parenthesis");
    ck_assert_uint_eq(off, 5);

    p = "*x";
    rc = arc_regex_compile(&re, p, strlen(p), msg, sizeof msg, &off);
    ck_assert_int_eq(rc, ARC_EPARSE);
    ck_assert_str_eq(msg, "quantifier does not follow a repeatable item");
    ck_assert_uint_eq(off, 0);

    /* msg and erroff are optional. */
    rc = arc_regex_compile(&re, "[a", 2, NULL, 0, NULL);
    ck_assert_int_eq(rc, ARC_EPARSE);
    ck_assert_ptr_null(re);
}
END_TEST

/*
 * Regression (bug found by this suite, since fixed in regex.c): regex.h
 * documents *erroff as the 0-based CHARACTER offset, but arc_regex_compile
 * used to pass PCRE2's code-unit (byte) offset through (7 here), and
 * node.c printed it as "位置 7" for the 4th character.
 */
START_TEST(test_compile_error_offset_is_characters)
{
    arc_regex *re = NULL;
    char msg[256] = "";
    size_t off = 999;
    const char *p = "要点|*"; /* '*' is character 3 (0-based), byte 7 */
    int rc = arc_regex_compile(&re, p, strlen(p), msg, sizeof msg, &off);
    ck_assert_int_eq(rc, ARC_EPARSE);
    ck_assert_str_eq(msg, "quantifier does not follow a repeatable item");
    ck_assert_uint_eq(off, 3);
}
END_TEST

START_TEST(test_utf_matching_chinese)
{
    /* "." and character classes work on characters, not bytes. */
    arc_regex *re = compile("青.区");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me;
    const char *s = "松川县青禾区政府";
    ck_assert_int_eq(search(re, m, s, 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 9);
    ck_assert_uint_eq(me, 18);
    arc_regex_free(re);

    re = compile("^[一二三四五六七八九十]+、");
    ck_assert_int_eq(search(re, m, "十二、附则", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 0);
    ck_assert_uint_eq(me, 9);
    ck_assert_int_eq(search(re, m, "附则、十二", 0, 0, &ms, &me), 0);
    arc_regex_free(re);

    /* Unicode properties: \p{Han} and \d with UCP. */
    re = compile("\\p{Han}{2}\\d+");
    ck_assert_int_eq(search(re, m, "ab完成12项", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 2);
    ck_assert_uint_eq(me, 10);
    arc_regex_free(re);

    /* Multi-line ^ and $. */
    re = compile("^不足$");
    ck_assert_int_eq(search(re, m, "问题\n不足\n原因", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 7);
    ck_assert_uint_eq(me, 13);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

START_TEST(test_named_groups)
{
    arc_regex *re = compile("(?<year>\\d{4})年(?<what>\\p{Han}+)");
    ck_assert_int_eq(arc_regex_group(re, "year"), 1);
    ck_assert_int_eq(arc_regex_group(re, "what"), 2);
    ck_assert_int_eq(arc_regex_group(re, "nope"), -1);
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me, s = 0, e = 0;
    const char *subj = "于2023年完成 x";
    ck_assert_int_eq(search(re, m, subj, 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 3);
    ck_assert_int_eq(arc_matcher_group(m, arc_regex_group(re, "year"), &s, &e),
                     1);
    ck_assert_uint_eq(s, 3);
    ck_assert_uint_eq(e, 7);
    ck_assert_int_eq(arc_matcher_group(m, arc_regex_group(re, "what"), &s, &e),
                     1);
    ck_assert_uint_eq(s, 10);
    ck_assert_uint_eq(e, 16);
    ck_assert_int_eq(arc_matcher_group(m, 0, &s, &e), 1);
    ck_assert_uint_eq(s, 3);
    ck_assert_uint_eq(e, 16);
    /* Negative groups and groups beyond the match data. */
    ck_assert_int_eq(arc_matcher_group(m, -1, &s, &e), 0);
    ck_assert_int_eq(arc_matcher_group(m, 1000, &s, &e), 0);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

START_TEST(test_group_not_participating_and_after_failure)
{
    arc_regex *re = compile("(?<a>甲)|(?<b>乙)");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me, s = 77, e = 77;
    ck_assert_int_eq(search(re, m, "xx乙", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(arc_matcher_group(m, arc_regex_group(re, "a"), &s, &e), 0);
    ck_assert_uint_eq(s, 77);
    ck_assert_int_eq(arc_matcher_group(m, arc_regex_group(re, "b"), &s, &e), 1);
    ck_assert_uint_eq(s, 2);
    ck_assert_uint_eq(e, 5);
    /* After a failed search no group is available. */
    ck_assert_int_eq(search(re, m, "丙", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(arc_matcher_group(m, 0, &s, &e), 0);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

START_TEST(test_compile_words_escapes)
{
    const char *const words[] = {"a.b", "(x)", "c+", "[d]", "e|f", "g\\h",
                                 "$1^", "{2}", "?*"};
    arc_regex *re = NULL;
    char msg[256] = "";
    ck_assert_int_eq(arc_regex_compile_words(&re, words, 9, msg, sizeof msg),
                     0);
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me;
    /* Literal matches. */
    ck_assert_int_eq(search(re, m, "--a.b--", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 2);
    ck_assert_uint_eq(me, 5);
    ck_assert_int_eq(search(re, m, "q(x)q", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 1);
    ck_assert_uint_eq(me, 4);
    ck_assert_int_eq(search(re, m, "c+", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(search(re, m, "[d]", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(search(re, m, "e|f", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(me - ms, 3);
    ck_assert_int_eq(search(re, m, "g\\h", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(search(re, m, "$1^", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(search(re, m, "{2}", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(search(re, m, "?*", 0, 0, &ms, &me), 1);
    /* Metacharacters have no special meaning. */
    ck_assert_int_eq(search(re, m, "aXb", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "x", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "ccc", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "d", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "e", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "gh", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "1", 0, 0, &ms, &me), 0);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

START_TEST(test_compile_words_chinese)
{
    const char *const words[] = {"原因", "由于", "究其"};
    arc_regex *re = NULL;
    ck_assert_int_eq(arc_regex_compile_words(&re, words, 3, NULL, 0), 0);
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me;
    ck_assert_int_eq(search(re, m, "主要是由于人手不足", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 9);
    ck_assert_uint_eq(me, 15);
    ck_assert_int_eq(search(re, m, "原来如此", 0, 0, &ms, &me), 0);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

START_TEST(test_search_from_start_offset)
{
    arc_regex *re = compile("不足");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    const char *s = "不足与不足";
    size_t ms, me;
    ck_assert_int_eq(search(re, m, s, 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 0);
    ck_assert_int_eq(search(re, m, s, 3, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 9);
    ck_assert_uint_eq(me, 15);
    /* len limits the subject: "不足与不" holds no match after byte 3. */
    ck_assert_int_eq(arc_regex_search(re, m, s, 12, 3, 0, &ms, &me), 0);
    ck_assert_int_eq(arc_regex_search(re, m, s, 12, 0, 0, &ms, &me), 1);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

START_TEST(test_anchored_search)
{
    arc_regex *re = compile("附件\\s*\\d*");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    const char *s = "见附件2";
    size_t ms = 0, me = 0;
    /* Unanchored finds it at byte 3; anchored at 0 does not. */
    ck_assert_int_eq(search(re, m, s, 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 3);
    ck_assert_int_eq(search(re, m, s, 0, 1, &ms, &me), 0);
    /* Anchored at the right start matches. */
    ck_assert_int_eq(search(re, m, s, 3, 1, &ms, &me), 1);
    ck_assert_uint_eq(ms, 3);
    ck_assert_uint_eq(me, 10);
    arc_regex_free(re);

    /* Anchored means at `start`, not at any later line start. */
    re = compile("乙");
    ck_assert_int_eq(search(re, m, "甲\n乙", 0, 1, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "甲\n乙", 4, 1, &ms, &me), 1);
    ck_assert_uint_eq(ms, 4);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

START_TEST(test_matcher_reuse_across_regexes)
{
    arc_regex *a = compile("(甲)(乙)(丙)");
    arc_regex *b = compile("(?<x>\\d+)");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me, s, e;
    for (int round = 0; round < 3; round++) {
        ck_assert_int_eq(search(a, m, "甲乙丙", 0, 0, &ms, &me), 1);
        ck_assert_int_eq(arc_matcher_group(m, 3, &s, &e), 1);
        ck_assert_uint_eq(s, 6);
        ck_assert_uint_eq(e, 9);
        ck_assert_int_eq(search(b, m, "ab123", 0, 0, &ms, &me), 1);
        ck_assert_uint_eq(ms, 2);
        ck_assert_uint_eq(me, 5);
        ck_assert_int_eq(arc_matcher_group(m, 1, &s, &e), 1);
        ck_assert_uint_eq(s, 2);
        ck_assert_uint_eq(e, 5);
    }
    /* Two matchers on one regex are independent. */
    arc_matcher *m2 = NULL;
    ck_assert_int_eq(arc_matcher_new(&m2), 0);
    ck_assert_int_eq(search(b, m2, "x7", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(search(b, m, "none", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(arc_matcher_group(m2, 1, &s, &e), 1);
    ck_assert_uint_eq(s, 1);
    ck_assert_int_eq(arc_matcher_group(m, 1, &s, &e), 0);
    arc_matcher_free(m2);
    arc_matcher_free(m);
    arc_regex_free(a);
    arc_regex_free(b);
}
END_TEST

START_TEST(test_too_many_groups_and_free_null)
{
    char pat[64 * 2 + 1];
    for (int i = 0; i < 64; i++)
        memcpy(pat + 2 * i, "()", 2);
    pat[128] = '\0';
    arc_regex *re = NULL;
    char msg[128] = "";
    size_t off = 55;
    ck_assert_int_eq(arc_regex_compile(&re, pat, 128, msg, sizeof msg, &off),
                     ARC_EPARSE);
    ck_assert_ptr_null(re);
    ck_assert_str_eq(msg, "too many capture groups (max 63)");
    ck_assert_uint_eq(off, 0);
    /* 63 groups are fine. */
    ck_assert_int_eq(arc_regex_compile(&re, pat, 126, msg, sizeof msg, &off),
                     0);
    arc_regex_free(re);
    arc_regex_free(NULL);
    arc_matcher_free(NULL);
}
END_TEST

/*
 * Regression (bug found by this suite, since fixed in regex.c): the group
 * index of arc_matcher_group was only checked against the size of the match
 * data (64 pairs), not against what the last match set.  PCRE2 leaves
 * ovector pairs above the pattern's capture count untouched, so asking for
 * such a group returned 1 with stale offsets from an earlier regex run on
 * the same matcher (or uninitialised memory on a fresh one).
 */
START_TEST(test_group_beyond_capture_count)
{
    arc_regex *a = compile("(甲)(乙)(丙)");
    arc_regex *b = compile("(?<x>\\d+)");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me, s = 0, e = 0;
    ck_assert_int_eq(search(a, m, "甲乙丙", 0, 0, &ms, &me), 1);
    ck_assert_int_eq(search(b, m, "ab123", 0, 0, &ms, &me), 1);
    /* b has one group: group 3 belongs to the earlier match of a. */
    ck_assert_int_eq(arc_matcher_group(m, 3, &s, &e), 0);
    ck_assert_int_eq(arc_matcher_group(m, 2, &s, &e), 0);
    arc_matcher_free(m);
    arc_regex_free(a);
    arc_regex_free(b);
}
END_TEST

/* A pattern that backtracks catastrophically hits the match limit: the
 * search says so (it used to come back as "no match"), with PCRE2's reason,
 * and the matcher still works afterwards. */
START_TEST(test_match_limit_is_an_error)
{
    arc_regex *re = compile("(a+)+$");
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    char subj[64];
    memset(subj, 'a', 40);
    strcpy(subj + 40, "b");
    size_t ms, me;
    ck_assert_int_eq(search(re, m, subj, 0, 0, &ms, &me), ARC_REGEX_ELIMIT);
    char why[128];
    ck_assert_str_eq(arc_matcher_error(m, why, sizeof why),
                     "match limit exceeded");
    /* Anchored searches run in the interpreter: the same limit. */
    ck_assert_int_eq(search(re, m, subj, 0, 1, &ms, &me), ARC_REGEX_ELIMIT);
    /* Nested repeats over CJK likewise. */
    arc_regex *cjk = compile("(?:某+)+$");
    char cs[256] = "";
    for (int i = 0; i < 40; i++)
        strcat(cs, "某");
    strcat(cs, "乙");
    ck_assert_int_eq(search(cjk, m, cs, 0, 0, &ms, &me), ARC_REGEX_ELIMIT);
    /* A short run is matched as before. */
    ck_assert_int_eq(search(re, m, "aaab", 0, 0, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "xaaa", 0, 0, &ms, &me), 1);
    arc_regex_free(cjk);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("regex");
    TCase *tc = tcase_create("regex");
    tcase_add_test(tc, test_compile_ok_and_match);
    tcase_add_test(tc, test_compile_error_message_and_offset);
    tcase_add_test(tc, test_compile_error_offset_is_characters);
    tcase_add_test(tc, test_utf_matching_chinese);
    tcase_add_test(tc, test_named_groups);
    tcase_add_test(tc, test_group_not_participating_and_after_failure);
    tcase_add_test(tc, test_compile_words_escapes);
    tcase_add_test(tc, test_compile_words_chinese);
    tcase_add_test(tc, test_search_from_start_offset);
    tcase_add_test(tc, test_anchored_search);
    tcase_add_test(tc, test_matcher_reuse_across_regexes);
    tcase_add_test(tc, test_group_beyond_capture_count);
    tcase_add_test(tc, test_too_many_groups_and_free_null);
    tcase_add_test(tc, test_match_limit_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

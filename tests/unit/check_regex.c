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


/* Searches skip to a pattern's first code unit with memchr: the result must
 * be what PCRE2 alone finds, in both cases of a letter PCRE2 matches
 * caselessly ([xX]), for multi-byte first characters, and with a
 * lookbehind that looks before the unit. */
START_TEST(test_first_unit_skip_same_matches)
{
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    size_t ms, me;
    arc_regex *re = compile("[xX]{1,3}(?=件)");
    ck_assert_int_eq(search(re, m, "共办理x件", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 9);
    ck_assert_int_eq(search(re, m, "共办理X件和XX件", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 9);
    /* The lower case later than an upper case one: the earlier wins. */
    ck_assert_int_eq(search(re, m, "Y件X件x件", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 4);
    ck_assert_int_eq(search(re, m, "共办理十件", 0, 0, &ms, &me), 0);
    arc_regex_free(re);
    re = compile("(?<=共)\\d+件");
    ck_assert_int_eq(search(re, m, "办理3件,共12件", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 14);
    /* From a start offset inside the text, after the lookbehind's 共. */
    ck_assert_int_eq(search(re, m, "共12件", 3, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 3);
    arc_regex_free(re);
    re = compile("率(?<rate>\\d+%)");
    ck_assert_int_eq(search(re, m, "效率提升,办结率95%", 0, 0, &ms, &me), 1);
    ck_assert_uint_eq(ms, 19);
    ck_assert_int_eq(search(re, m, "效率提升", 0, 0, &ms, &me), 0);
    arc_regex_free(re);
    /* Anchored searches start where they are told. */
    re = compile("\\*+");
    ck_assert_int_eq(search(re, m, "a**", 0, 1, &ms, &me), 0);
    ck_assert_int_eq(search(re, m, "a**", 1, 1, &ms, &me), 1);
    arc_regex_free(re);
    arc_matcher_free(m);
}
END_TEST

/* Which patterns are searched with scouts: alternatives that start
 * differently, at the top or in a group that starts the pattern after its
 * assertions; never where a scout alone could mean something else. */
START_TEST(test_scouts_chosen)
{
    static const struct {
        const char *pattern;
        int scouts;
    } cases[] = {
        {"××+|╳╳+", 2},
        {"待补充|待填写|此处填写|请填写|填写说明", 5},
        {"(?:其中[,:]?|结果(?:为|是)|分别为)(?<parts>[^。;\\n]+)", 3},
        {"(?<![一二三])(?:○○|〇〇)[○〇]*(?![年])", 2},
        {"(?<name>甲|乙)丙", 2},
        /* One first character already: PCRE2 skips to it itself. */
        {"其中|其余", 0},
        {"已阅读\\d+页", 0},
        /* An alternative without a first character, or an empty one. */
        {"\\d+件|某某", 0},
        {"(?:甲|)乙", 0},
        /* The group may be skipped, or is not the whole start. */
        {"(?:甲|乙)?丙", 0},
        {"(?:甲|乙)*丙", 0},
        {"丙(?:甲|乙)", 0},
        /* Back references, option settings, \Q…\E, verbs. */
        {"(甲)\\1|乙", 0},
        {"(?i)ab|cd", 0},
        {"\\Q甲|\\E乙", 0},
        {"(*UTF)甲|乙", 0},
        /* More alternatives than scouts pay for. */
        {"甲|乙|丙|丁|戊|己|庚|辛|壬", 0},
        /* A '|' inside a class or escaped is no alternative. */
        {"[|]丙|丁", 2},
        {"(?:甲\\||乙)丙", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arc_regex *re = compile(cases[i].pattern);
        ck_assert_msg(arc_regex_scouts(re) == cases[i].scouts, "%s: %d scouts",
                      cases[i].pattern, arc_regex_scouts(re));
        arc_regex_free(re);
    }
}
END_TEST

/* Every match (and group) found with scouts is what the interpreter finds
 * searching plainly: matches far apart and dense, a scout matching where
 * the pattern does not (its lookbehind, the rest of the pattern), matches
 * across the windows the scouts look in, and start offsets in between. */
START_TEST(test_scouts_same_matches)
{
    static const char *const patterns[] = {
        "××+|╳╳+",
        "(?:其中[,:]?|结果(?:为|是)|分别为)(?<parts>[^。;\\n]+)",
        "(?<![一二三])(?:○○|〇〇)[○〇]*(?![年])",
        "(?<a>和)|(?<b>以及)|(?<c>或)",
    };
    static const char *const pieces[] = {
        "依法行政工作稳步推进。", "其中。", "其中,立案5件;", "三○○", "三○○○", "○○○局",
        "〇〇年", "××", "╳╳╳", "结果为优秀", "分别为3件和4件", "以及", "或者",
        "\n",
    };
    arc_buf text = {0};
    size_t np = sizeof pieces / sizeof pieces[0];
    for (size_t i = 0; text.len < 120000; i++) {
        /* Stretches of filler of many lengths, some long, so that the
         * scouts' windows end in all sorts of places. */
        size_t reps = i % 9 == 0 ? 150 + i % 200 : (i * 7) % 13;
        for (size_t j = 0; j < reps; j++)
            ck_assert_int_eq(arc_buf_puts(&text, pieces[0]), 0);
        ck_assert_int_eq(arc_buf_puts(&text, pieces[1 + (i * 5) % (np - 1)]),
                         0);
    }
    arc_matcher *m = NULL, *m2 = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    ck_assert_int_eq(arc_matcher_new(&m2), 0);
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        arc_regex *re = compile(patterns[i]), *plain = NULL;
        char msg[128];
        size_t off;
        ck_assert_int_eq(arc_regex_compile_ex(&plain, patterns[i],
                                              strlen(patterns[i]),
                                              ARC_REGEX_NOJIT, msg, sizeof msg,
                                              &off),
                         0);
        ck_assert_int_gt(arc_regex_scouts(re), 0);
        ck_assert_int_eq(arc_regex_scouts(plain), 0);
        size_t found = 0;
        for (size_t start = 0; start < text.len;) {
            size_t ms, me, ps, pe;
            int a = arc_regex_search(re, m, text.data, text.len, start, 0, &ms,
                                     &me);
            int b = arc_regex_search(plain, m2, text.data, text.len, start, 0,
                                     &ps, &pe);
            ck_assert_int_eq(a, b);
            if (!a)
                break;
            ck_assert_uint_eq(ms, ps);
            ck_assert_uint_eq(me, pe);
            for (int g = 1; g < 4; g++) {
                size_t gs = 0, ge = 0, hs = 0, he = 0;
                ck_assert_int_eq(arc_matcher_group(m, g, &gs, &ge),
                                 arc_matcher_group(m2, g, &hs, &he));
                ck_assert_uint_eq(gs, hs);
                ck_assert_uint_eq(ge, he);
            }
            found++;
            /* Next from the match end, or from inside the match now and
             * then: callers restart anywhere. */
            start = found % 5 ? me : ms + 1;
            while (start < text.len &&
                   ((unsigned char)text.data[start] & 0xC0) == 0x80)
                start++;
        }
        ck_assert_msg(found > 10, "%s: %zu matches", patterns[i], found);
        arc_regex_free(re);
        arc_regex_free(plain);
    }
    arc_matcher_free(m);
    arc_matcher_free(m2);
    arc_buf_free(&text);
}
END_TEST

/* A scout's search that PCRE2 gives up on is an error, not "no match". */
START_TEST(test_scouts_match_limit)
{
    arc_regex *re = compile("(?:某+)+$|(?:乙+)+$");
    ck_assert_int_eq(arc_regex_scouts(re), 2);
    arc_matcher *m = NULL;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    char s[4096] = "";
    for (int i = 0; i < 400; i++)
        strcat(s, "甲");
    for (int i = 0; i < 40; i++)
        strcat(s, "某");
    strcat(s, "x");
    size_t ms, me;
    ck_assert_int_eq(search(re, m, s, 0, 0, &ms, &me), ARC_REGEX_ELIMIT);
    arc_regex_free(re);
    arc_matcher_free(m);
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
    tcase_add_test(tc, test_first_unit_skip_same_matches);
    tcase_add_test(tc, test_match_limit_is_an_error);
    tcase_add_test(tc, test_scouts_chosen);
    tcase_add_test(tc, test_scouts_same_matches);
    tcase_add_test(tc, test_scouts_match_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

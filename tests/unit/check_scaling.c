/* check_scaling.c - the work a check does grows linearly with the size of
 * the document and its number of findings: every rule kind, the position
 * mapping and the evidence.  Hostile inputs are built in memory at two sizes
 * and the matcher's work counters (regex searches and the bytes they cover,
 * bytes counted for columns and evidence, bytes the C scanners go over) are
 * compared: doubling the input may double the work, not quadruple it.  No
 * test looks at the clock; bench/scaling.sh measures time. */
#include "testutil.h"
#include "eval.h"
#include "regex.h"

#include <stdlib.h>
#include <string.h>

/* Three patterns: two with many matches, one with none.  Before the fix the
 * one without matches was searched to the end of the document after every
 * finding of the others. */
#define PATTERN_RULES                                                          \
    "version: 1\n"                                                             \
    "rules:\n"                                                                 \
    "  - id: t.placeholder\n"                                                  \
    "    kind: pattern\n"                                                      \
    "    severity: error\n"                                                    \
    "    message: '模板残留“{evidence}”'\n"                                    \
    "    patterns: ['XX+', '某某', '待补充']\n"

/* Sizes are divided by this under AddressSanitizer, which is some thirty
 * times slower on these inputs: the counters compare two sizes, so a
 * quadratic path shows at any size. */
#if defined(__SANITIZE_ADDRESS__)
#define SHRINK 8
#else
#define SHRINK 1
#endif
#define MB(n) (((size_t)(n) << 20) / SHRINK)
#define N(n) ((size_t)(n) / SHRINK)

typedef struct {
    size_t findings;
    arc_work w;
} run_result;

static run_result run(const arc_ruleset *rs, const char *text)
{
    run_result r;
    arc_test_facts_doc *fx = arc_test_facts(text, rs);
    arc_matcher *m = NULL;
    arc_findings *f = NULL;
    arc_error err;
    ck_assert_int_eq(arc_matcher_new(&m), 0);
    ck_assert_int_eq(arc_findings_new(&f), 0);
    ck_assert_int_eq(arc_eval_doc(rs, fx->doc, &fx->facts, ARC_ALL_RULES, m,
                                  f, NULL, 0, &err),
                     0);
    r.findings = arc_findings_count(f);
    r.w = *arc_matcher_work(m);
    arc_findings_free(f);
    arc_matcher_free(m);
    arc_test_facts_free(fx);
    return r;
}

/* Doubling the input may double the work, with some slack for the fixed
 * part; a quadratic path quadruples it. */
static void linear(const char *what, size_t small, size_t big)
{
    ck_assert_msg(big <= small * 5 / 2 + 4096,
                  "%s: %zu at size n, %zu at size 2n: not linear", what,
                  small, big);
}

static void all_linear(const char *input, const run_result *a,
                       const run_result *b)
{
    char what[128];
    snprintf(what, sizeof what, "%s: searches", input);
    linear(what, a->w.searches, b->w.searches);
    snprintf(what, sizeof what, "%s: bytes searched", input);
    linear(what, a->w.searched, b->w.searched);
    snprintf(what, sizeof what, "%s: bytes counted", input);
    linear(what, a->w.counted, b->w.counted);
    snprintf(what, sizeof what, "%s: bytes scanned", input);
    linear(what, a->w.scanned, b->w.scanned);
}

/* Appends s to a buffer of capacity cap (the caller sized it). */
static void put(char *buf, size_t *n, size_t cap, const char *s)
{
    size_t k = strlen(s);
    ck_assert_uint_le(*n + k + 1, cap);
    memcpy(buf + *n, s, k);
    *n += k;
    buf[*n] = '\0';
}

/* A report of about `bytes` bytes whose paragraphs hold `k` placeholders
 * (XX and 某某 in turn); one line per paragraph, or all of it on one line
 * when sep is " ". */
static char *placeholders(size_t bytes, size_t k, const char *sep)
{
    static const char *const filler[] = {
        "区司法局牵头组织全区行政执法人员开展法律知识培训",
        "全面推行行政执法公示制度执法全过程记录制度",
        "重大执法决定法制审核制度，规范行政执法行为"};
    size_t cap = bytes + 4096, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    buf[0] = '\0';
    put(buf, &n, cap, "青禾区2025年度法治政府建设情况报告\n");
    put(buf, &n, cap, "一、主要举措和成效\n");
    size_t per = (bytes - n) / k; /* bytes of text per placeholder */
    for (size_t i = 0; i < k; i++) {
        size_t start = n;
        put(buf, &n, cap, i % 2 ? "共有某某局参加" : "组织XX次培训");
        while (n - start + strlen(filler[i % 3]) + 8 < per)
            put(buf, &n, cap, filler[(i + n) % 3]);
        put(buf, &n, cap, "。");
        put(buf, &n, cap, sep);
    }
    return buf;
}

START_TEST(test_pattern_rule_many_placeholders)
{
    arc_ruleset *rs = arc_test_rules(PATTERN_RULES);
    char *a = placeholders(MB(1), N(10000), "\n");
    char *b = placeholders(MB(2), N(20000), "\n");
    run_result ra = run(rs, a), rb = run(rs, b);
    ck_assert_uint_eq(ra.findings, N(10000));
    ck_assert_uint_eq(rb.findings, N(20000));
    all_linear("placeholders", &ra, &rb);
    /* Each pattern goes over the text about once. */
    ck_assert_uint_le(rb.w.searched, 3 * strlen(b) * 2);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_columns_on_one_long_line)
{
    arc_ruleset *rs = arc_test_rules(PATTERN_RULES);
    char *a = placeholders(MB(10), N(10000), " ");
    char *b = placeholders(MB(20), N(20000), " ");
    run_result ra = run(rs, a), rb = run(rs, b);
    ck_assert_uint_eq(rb.findings, N(20000));
    all_linear("one line", &ra, &rb);
    /* The position mapping counts a bounded stretch per finding, not the
     * line up to it. */
    ck_assert_uint_le(rb.w.counted, rb.findings * 4 * ARC_TEXT_BLOCK);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

/* Columns stay right when they are counted from checkpoints. */
START_TEST(test_column_of_last_finding_on_long_line)
{
    arc_ruleset *rs = arc_test_rules(PATTERN_RULES);
    char *text = placeholders(MB(3), 300, " ");
    arc_findings *f = arc_test_check(rs, text);
    ck_assert_uint_eq(arc_findings_count(f), 300);
    const arc_finding *last = arc_findings_get(f, 299);
    const char *nl = strrchr(text, '\n');
    size_t from = (size_t)(nl - text) + 1, chars = 0;
    for (size_t i = from; i < last->offset; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    ck_assert_int_eq(last->line, 3);
    ck_assert_int_eq(last->column, (int)chars + 1);
    arc_findings_free(f);
    free(text);
    arc_ruleset_free(rs);
}
END_TEST

/* The default rule set on a report with many placeholders. */
START_TEST(test_default_rules_many_placeholders)
{
    arc_ruleset *rs = arc_test_default_rules();
    char *a = placeholders(MB(1), N(10000), "\n");
    char *b = placeholders(MB(2), N(20000), "\n");
    run_result ra = run(rs, a), rb = run(rs, b);
    ck_assert_uint_ge(rb.findings, N(20000));
    all_linear("default rules, placeholders", &ra, &rb);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

/* The default rule set on a report flattened to one line. */
START_TEST(test_default_rules_one_line)
{
    arc_ruleset *rs = arc_test_default_rules();
    char *a = placeholders(MB(4), N(4000), " ");
    char *b = placeholders(MB(8), N(8000), " ");
    run_result ra = run(rs, a), rb = run(rs, b);
    ck_assert_uint_ge(rb.findings, N(8000));
    all_linear("default rules, one line", &ra, &rb);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

/* Digits, numerals and 年月日 in random order, no line breaks after a
 * report's title (without one the text is no report: doc.type alone):
 * dates, broken dates and numbers everywhere. */
static char *digits(size_t bytes, unsigned seed)
{
    static const char *const tok[] = {
        "2024", "年", "月", "日", "12", "3", "二〇二四", "十二", "1122",
        "20212025", "一", "共", "件", ",其中", "、", "(", ")", "率", "%",
        "-", " "};
    size_t cap = bytes + 64, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    buf[0] = '\0';
    put(buf, &n, cap, "青禾区2025年度法治政府建设情况报告\n");
    while (n + 16 < bytes) {
        seed = seed * 1103515245u + 12345u;
        put(buf, &n, cap, tok[(seed >> 16) % ARC_ARRAY_LEN(tok)]);
    }
    return buf;
}

START_TEST(test_default_rules_digits_and_dates)
{
    arc_ruleset *rs = arc_test_default_rules();
    char *a = digits(MB(4), 7);
    char *b = digits(MB(8), 7);
    run_result ra = run(rs, a), rb = run(rs, b);
    ck_assert_uint_gt(ra.findings, N(1000));
    all_linear("digits and dates", &ra, &rb);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

/* A long run of Chinese numerals before 年: every start inside the run was
 * walked back to the start of the run. */
static char *numeral_runs(size_t bytes)
{
    size_t cap = bytes + 64, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    buf[0] = '\0';
    while (n + 64 < bytes) {
        size_t run_end = n + (bytes / 4);
        while (n + 8 < run_end && n + 64 < bytes)
            put(buf, &n, cap, "二");
        put(buf, &n, cap, "年3月1日。");
    }
    return buf;
}

START_TEST(test_dates_after_long_numeral_runs)
{
    arc_ruleset *rs = arc_test_default_rules();
    char *a = numeral_runs(MB(1));
    char *b = numeral_runs(MB(2));
    run_result ra = run(rs, a), rb = run(rs, b);
    all_linear("numeral runs", &ra, &rb);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

/* A sum list whose one chunk holds many bracketed numbers: the bracket
 * depth was counted again from the start of the chunk for each number. */
static char *bracketed_list(size_t bytes)
{
    size_t cap = bytes + 64, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    buf[0] = '\0';
    put(buf, &n, cap, "共办理案件80件,其中行政处罚案件(");
    while (n + 64 < bytes)
        put(buf, &n, cap, "含3件 ");
    put(buf, &n, cap, ")50件、行政许可案件40件。\n");
    return buf;
}

START_TEST(test_sum_list_with_many_bracketed_numbers)
{
    arc_ruleset *rs = arc_test_default_rules();
    char *a = bracketed_list(MB(1));
    char *b = bracketed_list(MB(2));
    run_result ra = run(rs, a), rb = run(rs, b);
    all_linear("bracketed list", &ra, &rb);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

/* A long list of empty numbered headings: each looked back over all the
 * headings before it for a label (附件:) whose list it might be. */
static char *empty_headings(size_t n)
{
    size_t cap = n * 32 + 256, len = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    buf[0] = '\0';
    put(buf, &len, cap, "青禾区2025年度法治政府建设情况报告\n一、主要举措和成效\n");
    for (size_t i = 0; i < n; i++) {
        char line[32];
        snprintf(line, sizeof line, "%zu.工作事项\n", i % 99 + 1);
        put(buf, &len, cap, line);
    }
    return buf;
}

START_TEST(test_many_empty_headings)
{
    arc_ruleset *rs = arc_test_default_rules();
    char *a = empty_headings(N(20000));
    char *b = empty_headings(N(40000));
    run_result ra = run(rs, a), rb = run(rs, b);
    ck_assert_uint_ge(rb.findings, N(40000));
    all_linear("empty headings", &ra, &rb);
    free(a);
    free(b);
    arc_ruleset_free(rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scaling");
    TCase *tc = tcase_create("linear");
    /* Large inputs, and slow under the sanitizers: the limit guards against
     * a hang, it does not measure anything. */
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_pattern_rule_many_placeholders);
    tcase_add_test(tc, test_columns_on_one_long_line);
    tcase_add_test(tc, test_column_of_last_finding_on_long_line);
    tcase_add_test(tc, test_default_rules_many_placeholders);
    tcase_add_test(tc, test_default_rules_one_line);
    tcase_add_test(tc, test_default_rules_digits_and_dates);
    tcase_add_test(tc, test_dates_after_long_numeral_runs);
    tcase_add_test(tc, test_sum_list_with_many_bracketed_numbers);
    tcase_add_test(tc, test_many_empty_headings);
    suite_add_tcase(s, tc);
    return arc_test_run(s);
}

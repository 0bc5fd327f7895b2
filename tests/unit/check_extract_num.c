/* check_extract_num.c - numbers with their measure words (extract.h).
 *
 * Every row is normalised with arc_text_init first, so inputs may use the
 * full-width digits and punctuation of real reports; expected spans, units
 * and tails are written in normalised (ASCII) form. */
#include "testutil.h"
#include "extract.h"
#include "text.h"

#include <stddef.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static void norm_init(arc_text *t, const char *s)
{
    ck_assert_int_eq(arc_text_init(t, s, strlen(s), NULL), 0);
    ck_assert_ptr_nonnull(t->norm);
}

static int near(double a, double b)
{
    double d = a - b, m = b < 0 ? -b : b;
    if (d < 0)
        d = -d;
    return d <= 1e-9 * (m > 1 ? m : 1);
}

/* t[s..e) must be exactly `want`. */
static void assert_span(const char *in, const char *what, const char *t,
                        size_t s, size_t e, const char *want)
{
    size_t n = strlen(want);
    ck_assert_msg(e >= s && e - s == n && memcmp(t + s, want, n) == 0,
                  "%s: %s is \"%.*s\" [%zu,%zu), want \"%s\"", in, what,
                  (int)(e >= s ? e - s : 0), t + s, s, e, want);
}

/* Bytes of a leading 约 / 近 that belong to the span (extract.h). */
static size_t lead_bytes(const char *span)
{
    static const char *const leads[] = {"约", "近", NULL};
    for (const char *const *l = leads; *l; l++)
        if (strncmp(span, *l, strlen(*l)) == 0)
            return strlen(*l);
    return 0;
}

/* ---------------------------------------------------- single numbers */

typedef struct {
    const char *in;
    int found;        /* arc_num_next finds a number at all */
    double value;
    const char *span; /* [start, end) */
    const char *unit; /* [unit_start, unit_end), "" when none */
    const char *tail; /* [num_end, end): approximation, unit, 左右 ... */
    int approx, percent, points, chinese, decimals, ordinal;
} num_case;

#define NUM(in, v, span, unit, tail, ap, pc, pt, cn, dec, ord)             \
    {in, 1, v, span, unit, tail, ap, pc, pt, cn, dec, ord}
#define NONE(in) {in, 0, 0, "", "", "", 0, 0, 0, 0, 0, 0}

/*                 input            value        span           unit       tail
 *                 approx percent points chinese decimals ordinal */
static const num_case num_cases[] = {
    /* --- Arabic numerals */
    NUM("252件", 252, "252件", "件", "件", 0, 0, 0, 0, 0, 0),
    NUM("1,234件", 1234, "1,234件", "件", "件", 0, 0, 0, 0, 0, 0),
    NUM("１，２３４件", 1234, "1,234件", "件", "件", 0, 0, 0, 0, 0, 0),
    NUM("1,234,567元", 1234567, "1,234,567元", "元", "元", 0, 0, 0, 0, 0, 0),
    NUM("共计１，２３４，５６７元", 1234567, "1,234,567元", "元", "元", 0, 0,
        0, 0, 0, 0),
    NUM("4.7亿元", 470000000, "4.7亿元", "元", "元", 0, 0, 0, 0, 1, 0),
    NUM("４．７亿元", 470000000, "4.7亿元", "元", "元", 0, 0, 0, 0, 1, 0),
    NUM("91万人次", 910000, "91万人次", "人次", "人次", 0, 0, 0, 0, 0, 0),
    NUM("12.50万元", 125000, "12.50万元", "元", "元", 0, 0, 0, 0, 2, 0),
    NUM("3万人", 30000, "3万人", "人", "人", 0, 0, 0, 0, 0, 0),
    NUM("99.8%", 99.8, "99.8%", "%", "%", 0, 1, 0, 0, 1, 0),
    NUM("９９．８％", 99.8, "99.8%", "%", "%", 0, 1, 0, 0, 1, 0),
    NUM("100%", 100, "100%", "%", "%", 0, 1, 0, 0, 0, 0),
    NUM("0.88个百分点", 0.88, "0.88个百分点", "个百分点", "个百分点", 0, 0,
        1, 0, 2, 0),
    NUM("１２３件", 123, "123件", "件", "件", 0, 0, 0, 0, 0, 0),
    NUM("3.5小时", 3.5, "3.5小时", "小时", "小时", 0, 0, 0, 0, 1, 0),
    NUM("0件", 0, "0件", "件", "件", 0, 0, 0, 0, 0, 0),
    NUM("2024年", 2024, "2024年", "年", "年", 0, 0, 0, 0, 0, 0),
    NUM("1,234.5元", 1234.5, "1,234.5元", "元", "元", 0, 0, 0, 0, 1, 0),
    NUM("12345热线", 12345, "12345", "", "", 0, 0, 0, 0, 0, 0),
    /* Not a thousands group: the number ends before the comma. */
    NUM("1234,567元", 1234, "1234", "", "", 0, 0, 0, 0, 0, 0),
    NUM("1,23件", 1, "1", "", "", 0, 0, 0, 0, 0, 0),
    /* Digits glued to Latin letters are skipped. */
    NONE("G60科创走廊"),
    NONE("5G基站"),
    NUM("建成5G基站120个", 120, "120个", "个", "个", 0, 0, 0, 0, 0, 0),
    NUM("G60科创走廊3条", 3, "3条", "条", "条", 0, 0, 0, 0, 0, 0),
    /* Dotted dates and versions are not numbers. */
    NONE("2024.3.13"),
    NONE("２０２４．３．１３"),
    NUM("截至2024.3.13共252件", 252, "252件", "件", "件", 0, 0, 0, 0, 0, 0),
    NUM("第252件", 252, "252件", "件", "件", 0, 0, 0, 0, 0, 1),

    /* --- Chinese numerals */
    NUM("三件", 3, "三件", "件", "件", 0, 0, 0, 1, 0, 0),
    NUM("十个", 10, "十个", "个", "个", 0, 0, 0, 1, 0, 0),
    NUM("十二项", 12, "十二项", "项", "项", 0, 0, 0, 1, 0, 0),
    NUM("一百零五人", 105, "一百零五人", "人", "人", 0, 0, 0, 1, 0, 0),
    NUM("一百二十三件", 123, "一百二十三件", "件", "件", 0, 0, 0, 1, 0, 0),
    NUM("两家", 2, "两家", "家", "家", 0, 0, 0, 1, 0, 0),
    NUM("二十个", 20, "二十个", "个", "个", 0, 0, 0, 1, 0, 0),
    NUM("三千名", 3000, "三千名", "名", "名", 0, 0, 0, 1, 0, 0),
    NUM("一万二千人", 12000, "一万二千人", "人", "人", 0, 0, 0, 1, 0, 0),
    NUM("三万人", 30000, "三万人", "人", "人", 0, 0, 0, 1, 0, 0),
    NUM("五亿元", 500000000, "五亿元", "元", "元", 0, 0, 0, 1, 0, 0),
    NUM("九十九次", 99, "九十九次", "次", "次", 0, 0, 0, 1, 0, 0),
    NUM("二〇二四年", 2024, "二〇二四年", "年", "年", 0, 0, 0, 1, 0, 0),
    /* ○ (U+25CB) typed for 〇, as extract_date.c already accepts. */
    NUM("二○二四年", 2024, "二○二四年", "年", "年", 0, 0, 0, 1, 0, 0),
    NONE("统一"),
    NONE("一是"),
    NONE("十四五规划"),
    NONE("第一"),
    /* 统一 is a word, not 一 followed by the measure word 部. */
    NUM("统一部署三项", 3, "三项", "项", "项", 0, 0, 0, 1, 0, 0),
    NUM("第三批", 3, "三批", "批", "批", 0, 0, 0, 1, 0, 1),
    NUM("第二十次", 20, "二十次", "次", "次", 0, 0, 0, 1, 0, 1),

    /* --- Approximations */
    NUM("50余次", 50, "50余次", "次", "余次", 1, 0, 0, 0, 0, 0),
    NUM("100多家", 100, "100多家", "家", "多家", 1, 0, 0, 0, 0, 0),
    NUM("700余个", 700, "700余个", "个", "余个", 1, 0, 0, 0, 0, 0),
    NUM("约300人", 300, "约300人", "人", "人", 1, 0, 0, 0, 0, 0),
    NUM("近70%", 70, "近70%", "%", "%", 1, 1, 0, 0, 0, 0),
    NUM("10万+", 100000, "10万+", "", "+", 1, 0, 0, 0, 0, 0),
    NUM("二十余场", 20, "二十余场", "场", "余场", 1, 0, 0, 1, 0, 0),
    NUM("5000多件", 5000, "5000多件", "件", "多件", 1, 0, 0, 0, 0, 0),
    NUM("40人左右", 40, "40人左右", "人", "人左右", 1, 0, 0, 0, 0, 0),
    NUM("100件以上", 100, "100件以上", "件", "件以上", 1, 0, 0, 0, 0, 0),
    NUM("千余人", 1000, "千余人", "人", "余人", 1, 0, 0, 1, 0, 0),
    NUM("1.5万余人", 15000, "1.5万余人", "人", "余人", 1, 0, 0, 0, 1, 0),
    /* 逾 marks an approximation but is not part of the span. */
    NUM("逾千家", 1000, "千家", "家", "家", 1, 0, 0, 1, 0, 0),
    NUM("300人", 300, "300人", "人", "人", 0, 0, 0, 0, 0, 0),
    NUM("70%", 70, "70%", "%", "%", 0, 1, 0, 0, 0, 0),
};

#define N_NUM_CASES (sizeof num_cases / sizeof num_cases[0])

START_TEST(test_num_table)
{
    const num_case *c = &num_cases[_i];
    arc_text t;
    norm_init(&t, c->in);
    arc_num n;
    size_t pos = 0;
    int r = arc_num_next(t.norm, t.norm_len, &pos, &n);
    ck_assert_msg(r == c->found, "%s: arc_num_next returned %d, want %d",
                  c->in, r, c->found);
    if (!c->found) {
        ck_assert_msg(pos == t.norm_len, "%s: pos %zu, want %zu", c->in, pos,
                      t.norm_len);
        arc_text_free(&t);
        return;
    }
    const char *at = strstr(t.norm, c->span);
    ck_assert_msg(at != NULL, "%s: span \"%s\" not in the normalised text",
                  c->in, c->span);
    size_t want_start = (size_t)(at - t.norm);

    ck_assert_msg(near(n.value, c->value), "%s: value %.17g, want %.17g",
                  c->in, n.value, c->value);
    ck_assert_msg(n.start == want_start, "%s: start %zu, want %zu", c->in,
                  n.start, want_start);
    assert_span(c->in, "span", t.norm, n.start, n.end, c->span);
    assert_span(c->in, "unit", t.norm, n.unit_start, n.unit_end, c->unit);
    assert_span(c->in, "tail", t.norm, n.num_end, n.end, c->tail);
    ck_assert_msg(pos == n.end, "%s: pos %zu, want end %zu", c->in, pos,
                  n.end);
    ck_assert_msg(n.approx == c->approx, "%s: approx %d, want %d", c->in,
                  n.approx, c->approx);
    ck_assert_msg(n.percent == c->percent, "%s: percent %d, want %d", c->in,
                  n.percent, c->percent);
    ck_assert_msg(n.points == c->points, "%s: points %d, want %d", c->in,
                  n.points, c->points);
    ck_assert_msg(n.chinese == c->chinese, "%s: chinese %d, want %d", c->in,
                  n.chinese, c->chinese);
    ck_assert_msg(n.decimals == c->decimals, "%s: decimals %d, want %d",
                  c->in, n.decimals, c->decimals);
    ck_assert_msg(n.ordinal == c->ordinal, "%s: ordinal %d, want %d", c->in,
                  n.ordinal, c->ordinal);
    ck_assert_msg(arc_num_unit_is(&n, t.norm, c->unit, strlen(c->unit)),
                  "%s: arc_num_unit_is(\"%s\") is 0", c->in, c->unit);

    /* arc_num_at on the first digit reads the same number. */
    arc_num m;
    size_t digit = want_start + lead_bytes(c->span);
    ck_assert_msg(arc_num_at(t.norm, t.norm_len, digit, &m) == 1,
                  "%s: arc_num_at(%zu) found nothing", c->in, digit);
    ck_assert_msg(near(m.value, c->value), "%s: arc_num_at value %.17g",
                  c->in, m.value);
    ck_assert_msg(m.end == want_start + strlen(c->span),
                  "%s: arc_num_at end %zu, want %zu", c->in, m.end,
                  want_start + strlen(c->span));
    ck_assert_int_eq(m.approx, c->approx);
    ck_assert_int_eq(m.percent, c->percent);
    ck_assert_int_eq(m.points, c->points);
    ck_assert_int_eq(m.chinese, c->chinese);
    ck_assert_int_eq(m.decimals, c->decimals);
    ck_assert_int_eq(m.ordinal, c->ordinal);
    arc_text_free(&t);
}
END_TEST

/* --------------------------------------------------- arc_num_at alone */

typedef struct {
    const char *in;
    size_t at; /* byte offset in the normalised text */
    int found;
    double value;
} num_at_case;

static const num_at_case num_at_cases[] = {
    {"统一", 3, 0, 0},         /* 一 with nothing after it */
    {"一是", 0, 0, 0},         /* 是 is no measure word */
    {"第一", 3, 0, 0},         /* ordinal without a measure word */
    {"十四五规划", 0, 0, 0},   /* 十四五 is a plan's name */
    {"G60", 1, 0, 0},          /* preceded by a Latin letter */
    {"5G", 0, 0, 0},           /* followed by a Latin letter */
    {"2024.3.13", 0, 0, 0},    /* dotted date */
    {"252件", 1, 0, 0},        /* starts inside a numeral */
    {"约300人", 0, 0, 0},      /* 约 itself is no numeral */
    {"约300人", 3, 1, 300},
    {"共252件", 3, 1, 252},
};

#define N_NUM_AT_CASES (sizeof num_at_cases / sizeof num_at_cases[0])

START_TEST(test_num_at_table)
{
    const num_at_case *c = &num_at_cases[_i];
    arc_text t;
    norm_init(&t, c->in);
    arc_num n;
    int r = arc_num_at(t.norm, t.norm_len, c->at, &n);
    ck_assert_msg(r == c->found, "%s @%zu: arc_num_at returned %d, want %d",
                  c->in, c->at, r, c->found);
    if (r)
        ck_assert_msg(near(n.value, c->value), "%s @%zu: value %.17g, want %g",
                      c->in, c->at, n.value, c->value);
    arc_text_free(&t);
}
END_TEST

/* ------------------------------------------------ scanning sentences */

typedef struct {
    const char *in;
    int index;  /* which call of arc_num_next (0 = first) */
    int found;
    double value;
    const char *span;
    const char *unit;
} scan_case;

#define S1 "共梳理文件252件，其中继续有效187件、废止41件"
#define S2 "办理行政复议案件１，２３４件，同比增长１２．５％，纠错率下降０．８个百分点"
#define S3 "分别为12件，34件，56件"
#define S5 "投入资金50余万元"
#define S6 "挽回经济损失3000多万元"
#define S4 "全年开展5G、G60专题培训二十余场，覆盖约3,000人次"

static const scan_case scan_cases[] = {
    {S1, 0, 1, 252, "252件", "件"},
    {S1, 1, 1, 187, "187件", "件"},
    {S1, 2, 1, 41, "41件", "件"},
    {S1, 3, 0, 0, "", ""},
    {S2, 0, 1, 1234, "1,234件", "件"},
    {S2, 1, 1, 12.5, "12.5%", "%"},
    {S2, 2, 1, 0.8, "0.8个百分点", "个百分点"},
    {S2, 3, 0, 0, "", ""},
    /* A number right after a (normalised) Chinese comma still counts. */
    {S3, 0, 1, 12, "12件", "件"},
    {S3, 1, 1, 34, "34件", "件"},
    {S3, 2, 1, 56, "56件", "件"},
    {S3, 3, 0, 0, "", ""},
    {S4, 0, 1, 20, "二十余场", "场"},
    {S4, 1, 1, 3000, "约3,000人次", "人次"},
    {S4, 2, 0, 0, "", ""},
    /* 万 after 余/多 is still the multiplier: value in 元, as for 4.7亿元. */
    {S5, 0, 1, 500000, "50余万元", "元"},
    {S6, 0, 1, 30000000, "3000多万元", "元"},
};

#define N_SCAN_CASES (sizeof scan_cases / sizeof scan_cases[0])

START_TEST(test_num_scan_table)
{
    const scan_case *c = &scan_cases[_i];
    arc_text t;
    norm_init(&t, c->in);
    arc_num n;
    size_t pos = 0, before = 0;
    int r = 0;
    for (int k = 0; k <= c->index; k++) {
        before = pos;
        r = arc_num_next(t.norm, t.norm_len, &pos, &n);
        if (k < c->index)
            ck_assert_msg(r == 1, "%s: call %d found nothing", c->in, k);
    }
    ck_assert_msg(r == c->found, "%s: call %d returned %d, want %d", c->in,
                  c->index, r, c->found);
    if (!c->found) {
        ck_assert_uint_eq(pos, t.norm_len);
        arc_text_free(&t);
        return;
    }
    const char *at = strstr(t.norm + before, c->span);
    ck_assert_msg(at != NULL, "%s: \"%s\" not after offset %zu", c->in,
                  c->span, before);
    size_t want_start = (size_t)(at - t.norm);
    ck_assert_msg(near(n.value, c->value), "%s #%d: value %.17g, want %g",
                  c->in, c->index, n.value, c->value);
    ck_assert_msg(n.start == want_start, "%s #%d: start %zu, want %zu",
                  c->in, c->index, n.start, want_start);
    assert_span(c->in, "span", t.norm, n.start, n.end, c->span);
    assert_span(c->in, "unit", t.norm, n.unit_start, n.unit_end, c->unit);
    ck_assert_uint_eq(pos, n.end);
    arc_text_free(&t);
}
END_TEST

/* ---------------------------------------------------- arc_num_unit_is */

typedef struct {
    const char *in;
    const char *unit;
    int want;
} unit_case;

static const unit_case unit_cases[] = {
    {"252件", "件", 1},
    {"252件", "个", 0},
    {"252件", "", 0},
    {"12345热线", "", 1},
    {"12345热线", "热线", 0},
    {"91万人次", "人次", 1},
    {"91万人次", "人", 0},   /* the whole unit must match */
    {"4.7亿元", "元", 1},
    {"4.7亿元", "亿元", 0},  /* 亿 is the multiplier */
    {"99.8%", "%", 1},
    {"0.88个百分点", "个百分点", 1},
};

#define N_UNIT_CASES (sizeof unit_cases / sizeof unit_cases[0])

START_TEST(test_num_unit_is_table)
{
    const unit_case *c = &unit_cases[_i];
    arc_text t;
    norm_init(&t, c->in);
    arc_num n;
    size_t pos = 0;
    ck_assert_int_eq(arc_num_next(t.norm, t.norm_len, &pos, &n), 1);
    ck_assert_msg(arc_num_unit_is(&n, t.norm, c->unit, strlen(c->unit)) ==
                      c->want,
                  "%s: arc_num_unit_is(\"%s\") != %d", c->in, c->unit,
                  c->want);
    arc_text_free(&t);
}
END_TEST

/* ------------------------------------------------------------- suite */

static Suite *suite(void)
{
    Suite *s = suite_create("extract_num");
    TCase *tc = tcase_create("numbers");
    tcase_add_loop_test(tc, test_num_table, 0, (int)N_NUM_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("num_at");
    tcase_add_loop_test(tc, test_num_at_table, 0, (int)N_NUM_AT_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("scan");
    tcase_add_loop_test(tc, test_num_scan_table, 0, (int)N_SCAN_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("unit_is");
    tcase_add_loop_test(tc, test_num_unit_is_table, 0, (int)N_UNIT_CASES);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

/* check_extract_date.c - calendar dates and year ranges (extract.h), the
 * date scanner's Chinese-digit pre-filter, arc_date_parse (YYYY-MM-DD) and
 * arc_path_beside.
 *
 * Every row is normalised with arc_text_init first, so inputs may use the
 * full-width digits and punctuation of real reports; expected spans are
 * written in normalised form. */
#include "testutil.h"
#include "extract.h"
#include "text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static void norm_init(arc_text *t, const char *s)
{
    ck_assert_int_eq(arc_text_init(t, s, strlen(s), NULL), 0);
    ck_assert_ptr_nonnull(t->norm);
}

static void assert_span(const char *in, const char *t, size_t s, size_t e,
                        const char *want)
{
    size_t n = strlen(want);
    ck_assert_msg(e >= s && e - s == n && memcmp(t + s, want, n) == 0,
                  "%s: span is \"%.*s\" [%zu,%zu), want \"%s\"", in,
                  (int)(e >= s ? e - s : 0), t + s, s, e, want);
}

static const char *kind_name(arc_date_kind k)
{
    switch (k) {
    case ARC_DATE_DAY: return "DAY";
    case ARC_DATE_MONTH: return "MONTH";
    case ARC_DATE_RANGE: return "RANGE";
    case ARC_DATE_LOST_DASH: return "LOST_DASH";
    }
    return "?";
}

/* Compares every field of d with the expectation. */
typedef struct {
    int found;
    arc_date_kind kind;
    int year, month, day, year2;
    int from_ctx;
    int valid;
    const char *span;
} date_want;

static void assert_date(const char *in, const char *t, size_t want_start,
                        const arc_date *d, const date_want *w)
{
    ck_assert_msg(d->kind == w->kind, "%s: kind %s, want %s", in,
                  kind_name(d->kind), kind_name(w->kind));
    ck_assert_msg(d->year == w->year, "%s: year %d, want %d", in, d->year,
                  w->year);
    ck_assert_msg(d->month == w->month, "%s: month %d, want %d", in,
                  d->month, w->month);
    ck_assert_msg(d->day == w->day, "%s: day %d, want %d", in, d->day,
                  w->day);
    ck_assert_msg(d->year2 == w->year2, "%s: year2 %d, want %d", in,
                  d->year2, w->year2);
    ck_assert_msg(d->year_from_context == w->from_ctx,
                  "%s: year_from_context %d, want %d", in,
                  d->year_from_context, w->from_ctx);
    ck_assert_msg(arc_date_valid(d) == w->valid, "%s: valid %d, want %d", in,
                  arc_date_valid(d), w->valid);
    ck_assert_msg(d->start == want_start, "%s: start %zu, want %zu", in,
                  d->start, want_start);
    assert_span(in, t, d->start, d->end, w->span);
}

/* ------------------------------------------------------ single dates */

typedef struct {
    const char *in;
    int ctx; /* context year */
    date_want w;
} date_case;

#define DAY(in, ctx, y, m, d, valid, span)                                  \
    {in, ctx, {1, ARC_DATE_DAY, y, m, d, 0, 0, valid, span}}
#define CDAY(in, ctx, m, d, valid, span)                                    \
    {in, ctx, {1, ARC_DATE_DAY, ctx, m, d, 0, 1, valid, span}}
#define MONTH(in, ctx, y, m, valid, span)                                   \
    {in, ctx, {1, ARC_DATE_MONTH, y, m, 0, 0, 0, valid, span}}
#define CMONTH(in, ctx, m, valid, span)                                     \
    {in, ctx, {1, ARC_DATE_MONTH, ctx, m, 0, 0, 1, valid, span}}
#define RANGE(in, y, y2, span)                                              \
    {in, 2024, {1, ARC_DATE_RANGE, y, 0, 0, y2, 0, 1, span}}
#define LOST(in, y, y2, span)                                               \
    {in, 2024, {1, ARC_DATE_LOST_DASH, y, 0, 0, y2, 0, 1, span}}
#define NODATE(in) {in, 2024, {0, ARC_DATE_DAY, 0, 0, 0, 0, 0, 0, ""}}

static const date_case date_cases[] = {
    /* --- year-month-day */
    DAY("2024年2月29日", 0, 2024, 2, 29, 1, "2024年2月29日"),
    DAY("2023年2月29日", 0, 2023, 2, 29, 0, "2023年2月29日"),
    DAY("2025年2月30日", 0, 2025, 2, 30, 0, "2025年2月30日"),
    DAY("1900年2月29日", 0, 1900, 2, 29, 0, "1900年2月29日"),
    DAY("2000年2月29日", 0, 2000, 2, 29, 1, "2000年2月29日"),
    DAY("2024年4月30日", 0, 2024, 4, 30, 1, "2024年4月30日"),
    DAY("2024年4月31日", 0, 2024, 4, 31, 0, "2024年4月31日"),
    DAY("2024年1月31日", 0, 2024, 1, 31, 1, "2024年1月31日"),
    DAY("2024年12月31日", 0, 2024, 12, 31, 1, "2024年12月31日"),
    DAY("2024年3月32日", 0, 2024, 3, 32, 0, "2024年3月32日"),
    DAY("2024年0月1日", 0, 2024, 0, 1, 0, "2024年0月1日"),
    DAY("2024年3月1号", 0, 2024, 3, 1, 1, "2024年3月1号"),
    DAY("２０２４年３月１３日", 0, 2024, 3, 13, 1, "2024年3月13日"),
    DAY("于2024年3月13日召开", 0, 2024, 3, 13, 1, "2024年3月13日"),
    DAY("2024年3月13日14时", 0, 2024, 3, 13, 1, "2024年3月13日"),
    DAY("2024-03-13", 0, 2024, 3, 13, 1, "2024-03-13"),
    DAY("２０２４－０３－１３", 0, 2024, 3, 13, 1, "2024-03-13"),
    DAY("2024-3-5", 0, 2024, 3, 5, 1, "2024-3-5"),
    DAY("2024.3.13", 0, 2024, 3, 13, 1, "2024.3.13"),
    DAY("2024/3/13", 0, 2024, 3, 13, 1, "2024/3/13"),
    DAY("2024/13/45", 0, 2024, 13, 45, 0, "2024/13/45"),
    DAY("2024-03-13 14:15", 0, 2024, 3, 13, 1, "2024-03-13"),
    DAY("二〇二四年三月一日", 0, 2024, 3, 1, 1, "二〇二四年三月一日"),
    DAY("二〇二三年十二月三十一日", 0, 2023, 12, 31, 1,
        "二〇二三年十二月三十一日"),
    DAY("二○二四年三月一日", 0, 2024, 3, 1, 1, "二○二四年三月一日"),
    DAY("２０２４／３／１３", 0, 2024, 3, 13, 1, "2024/3/13"),
    /* --- year-month */
    MONTH("二〇二四年三月", 0, 2024, 3, 1, "二〇二四年三月"),
    MONTH("2024年3月", 0, 2024, 3, 1, "2024年3月"),
    MONTH("2024年3月份", 0, 2024, 3, 1, "2024年3月"),
    MONTH("2024年2月", 0, 2024, 2, 1, "2024年2月"),
    MONTH("2024年13月", 0, 2024, 13, 0, "2024年13月"),
    /* --- month-day with the year from context */
    CDAY("3月29日", 2024, 3, 29, 1, "3月29日"),
    CDAY("3月29日", 0, 3, 29, 1, "3月29日"),
    CDAY("12月31日", 2023, 12, 31, 1, "12月31日"),
    CDAY("2月29日", 2024, 2, 29, 1, "2月29日"),
    CDAY("2月29日", 2023, 2, 29, 0, "2月29日"),
    CDAY("2月29日", 0, 2, 29, 1, "2月29日"), /* year unknown: may be leap */
    CDAY("十二月三十一日", 2023, 12, 31, 1, "十二月三十一日"),
    CDAY("截至11月30日", 2024, 11, 30, 1, "11月30日"),
    CMONTH("12月", 2024, 12, 1, "12月"),
    CMONTH("13月", 2024, 13, 0, "13月"),
    /* --- year ranges */
    RANGE("2021—2025年", 2021, 2025, "2021—2025年"),
    RANGE("2021-2025年", 2021, 2025, "2021-2025年"),
    RANGE("2021~2025年", 2021, 2025, "2021~2025年"),
    RANGE("2021至2025年", 2021, 2025, "2021至2025年"),
    RANGE("2021–2025年", 2021, 2025, "2021–2025年"),
    RANGE("2021——2025年", 2021, 2025, "2021——2025年"),
    RANGE("２０２１～２０２５年", 2021, 2025, "2021~2025年"),
    RANGE("《法治政府建设实施纲要（2021－2025年）》", 2021, 2025,
          "2021-2025年"),
    RANGE("2021年—2025年", 2021, 2025, "2021年—2025年"),
    RANGE("(2021年-2025)", 2021, 2025, "2021年-2025"),
    RANGE("(2016-2020)", 2016, 2020, "2016-2020"),
    LOST("20212025年", 2021, 2025, "20212025年"),
    /* --- not dates */
    NODATE("2024年"),
    NODATE("2023年以来"),
    NODATE("1122日"),
    NODATE("20252021年"),
    NODATE("2025年—2021年"),
    NODATE("共252件"),
};

#define N_DATE_CASES (sizeof date_cases / sizeof date_cases[0])

START_TEST(test_date_table)
{
    const date_case *c = &date_cases[_i];
    arc_text t;
    norm_init(&t, c->in);
    arc_date d;
    size_t pos = 0;
    int r = arc_date_next(t.norm, t.norm_len, &pos, c->ctx, &d);
    ck_assert_msg(r == c->w.found, "%s: arc_date_next returned %d, want %d",
                  c->in, r, c->w.found);
    if (!c->w.found) {
        ck_assert_msg(pos == t.norm_len, "%s: pos %zu, want %zu", c->in, pos,
                      t.norm_len);
        ck_assert_msg(arc_date_at(t.norm, t.norm_len, 0, c->ctx, &d) == 0,
                      "%s: arc_date_at(0) found a date", c->in);
        arc_text_free(&t);
        return;
    }
    const char *at = strstr(t.norm, c->w.span);
    ck_assert_msg(at != NULL, "%s: span \"%s\" not in the normalised text",
                  c->in, c->w.span);
    size_t want_start = (size_t)(at - t.norm);
    assert_date(c->in, t.norm, want_start, &d, &c->w);
    ck_assert_msg(pos == d.end, "%s: pos %zu, want end %zu", c->in, pos,
                  d.end);

    /* arc_date_at at the start reads the same date. */
    arc_date e;
    ck_assert_msg(arc_date_at(t.norm, t.norm_len, want_start, c->ctx, &e) == 1,
                  "%s: arc_date_at(%zu) found nothing", c->in, want_start);
    assert_date(c->in, t.norm, want_start, &e, &c->w);
    arc_text_free(&t);
}
END_TEST

/* ------------------------------------------------ scanning sentences */

typedef struct {
    const char *in;
    int ctx;
    int index; /* which call of arc_date_next (0 = first) */
    date_want w;
} date_scan_case;

#define D1 "2021—2025年规划实施以来，于2024年3月13日召开会议，12月31日前完成"
#define D2 "2024-03-13 14:15"
#define D3 "2023年以来，共1122日，2024年2月29日"

static const date_scan_case date_scan_cases[] = {
    {D1, 2024, 0, {1, ARC_DATE_RANGE, 2021, 0, 0, 2025, 0, 1, "2021—2025年"}},
    {D1, 2024, 1, {1, ARC_DATE_DAY, 2024, 3, 13, 0, 0, 1, "2024年3月13日"}},
    {D1, 2024, 2, {1, ARC_DATE_DAY, 2024, 12, 31, 0, 1, 1, "12月31日"}},
    {D1, 2024, 3, {0, ARC_DATE_DAY, 0, 0, 0, 0, 0, 0, ""}},
    {D2, 0, 0, {1, ARC_DATE_DAY, 2024, 3, 13, 0, 0, 1, "2024-03-13"}},
    {D2, 0, 1, {0, ARC_DATE_DAY, 0, 0, 0, 0, 0, 0, ""}},
    {D3, 2024, 0, {1, ARC_DATE_DAY, 2024, 2, 29, 0, 0, 1, "2024年2月29日"}},
    {D3, 2024, 1, {0, ARC_DATE_DAY, 0, 0, 0, 0, 0, 0, ""}},
};

#define N_DATE_SCAN_CASES (sizeof date_scan_cases / sizeof date_scan_cases[0])

START_TEST(test_date_scan_table)
{
    const date_scan_case *c = &date_scan_cases[_i];
    arc_text t;
    norm_init(&t, c->in);
    arc_date d;
    size_t pos = 0, before = 0;
    int r = 0;
    for (int k = 0; k <= c->index; k++) {
        before = pos;
        r = arc_date_next(t.norm, t.norm_len, &pos, c->ctx, &d);
        if (k < c->index)
            ck_assert_msg(r == 1, "%s: call %d found nothing", c->in, k);
    }
    ck_assert_msg(r == c->w.found, "%s: call %d returned %d, want %d", c->in,
                  c->index, r, c->w.found);
    if (!c->w.found) {
        ck_assert_uint_eq(pos, t.norm_len);
        arc_text_free(&t);
        return;
    }
    const char *at = strstr(t.norm + before, c->w.span);
    ck_assert_msg(at != NULL, "%s: \"%s\" not after offset %zu", c->in,
                  c->w.span, before);
    assert_date(c->in, t.norm, (size_t)(at - t.norm), &d, &c->w);
    ck_assert_uint_eq(pos, d.end);
    arc_text_free(&t);
}
END_TEST

/* ------------------------------------------------- arc_days_in_month */

typedef struct {
    int y, m, days;
} dim_case;

static const dim_case dim_cases[] = {
    {2024, 2, 29}, {2023, 2, 28}, {1900, 2, 28}, {2000, 2, 29},
    {2100, 2, 28}, {0, 2, 29},    {2024, 1, 31}, {2024, 3, 31},
    {2024, 4, 30}, {2024, 6, 30}, {2024, 7, 31}, {2024, 8, 31},
    {2024, 9, 30}, {2024, 11, 30}, {2024, 12, 31}, {2024, 0, 0},
    {2024, 13, 0}, {2024, -1, 0},
};

#define N_DIM_CASES (sizeof dim_cases / sizeof dim_cases[0])

START_TEST(test_days_in_month_table)
{
    const dim_case *c = &dim_cases[_i];
    ck_assert_msg(arc_days_in_month(c->y, c->m) == c->days,
                  "arc_days_in_month(%d, %d) = %d, want %d", c->y, c->m,
                  arc_days_in_month(c->y, c->m), c->days);
}
END_TEST

/* --------------------------------------------------- arc_date_valid */

typedef struct {
    arc_date d;
    int valid;
} valid_case;

#define VD(kind, y, m, d, y2, v) {{kind, y, m, d, y2, 0, 0, 0}, v}

static const valid_case valid_cases[] = {
    VD(ARC_DATE_DAY, 2024, 2, 29, 0, 1),
    VD(ARC_DATE_DAY, 2023, 2, 29, 0, 0),
    VD(ARC_DATE_DAY, 0, 2, 29, 0, 1),     /* any year */
    VD(ARC_DATE_DAY, 0, 2, 30, 0, 0),
    VD(ARC_DATE_DAY, 2024, 6, 0, 0, 0),   /* day 0 */
    VD(ARC_DATE_DAY, 2024, 0, 1, 0, 0),
    VD(ARC_DATE_MONTH, 2024, 12, 0, 0, 1),
    VD(ARC_DATE_MONTH, 2024, 13, 0, 0, 0),
    VD(ARC_DATE_MONTH, 2024, 0, 0, 0, 0),
    VD(ARC_DATE_RANGE, 2021, 0, 0, 2025, 1),
    VD(ARC_DATE_RANGE, 2025, 0, 0, 2021, 0),
};

#define N_VALID_CASES (sizeof valid_cases / sizeof valid_cases[0])

START_TEST(test_date_valid_table)
{
    const valid_case *c = &valid_cases[_i];
    ck_assert_msg(arc_date_valid(&c->d) == c->valid,
                  "arc_date_valid(%s %d-%d-%d / %d) = %d, want %d",
                  kind_name(c->d.kind), c->d.year, c->d.month, c->d.day,
                  c->d.year2, arc_date_valid(&c->d), c->valid);
}
END_TEST

/* ----------------------------------------------------- arc_date_cmp */

typedef struct {
    int y1, m1, d1, y2, m2, d2;
    int sign;
} cmp_case;

static const cmp_case cmp_cases[] = {
    {2024, 3, 13, 2024, 3, 13, 0},
    {2024, 3, 13, 2024, 3, 14, -1},
    {2024, 3, 14, 2024, 3, 13, 1},
    {2024, 2, 29, 2024, 3, 1, -1},
    {2025, 1, 1, 2024, 12, 31, 1},
    {2023, 12, 31, 2024, 1, 1, -1},
    {2024, 12, 1, 2024, 11, 30, 1},
    {2024, 1, 31, 2024, 2, 1, -1},
};

#define N_CMP_CASES (sizeof cmp_cases / sizeof cmp_cases[0])

START_TEST(test_date_cmp_table)
{
    const cmp_case *c = &cmp_cases[_i];
    int r = arc_date_cmp(c->y1, c->m1, c->d1, c->y2, c->m2, c->d2);
    int sign = (r > 0) - (r < 0);
    ck_assert_msg(sign == c->sign, "arc_date_cmp(%d-%d-%d, %d-%d-%d) = %d",
                  c->y1, c->m1, c->d1, c->y2, c->m2, c->d2, r);
    /* Antisymmetric. */
    int back = arc_date_cmp(c->y2, c->m2, c->d2, c->y1, c->m1, c->d1);
    ck_assert_int_eq((back > 0) - (back < 0), -c->sign);
}
END_TEST

/* ------------------------------------------------------------- digits */

/* The UTF-8 bytes of a BMP code point; returns the length. */
static size_t utf8_of(uint32_t cp, unsigned char out[3])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (unsigned char)(0xE0 | (cp >> 12));
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
}

/*
 * The date scanner's pre-filter (arc_cn_digit_last_byte) must let through
 * every Chinese digit of the one digit table (arc_cn_digit, text.c): a
 * digit added there and not here would silently never be read in a date.
 * 两 is the exception on purpose: it counts things and is never a digit of
 * a written-out date (extract_date.c, cn_digit), so the filter need not
 * cover it.  And no byte is marked that no digit ends with.
 */
START_TEST(test_cn_digit_last_byte_covers_digits)
{
    unsigned char used[256] = {0};
    size_t digits = 0;
    for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        int v = arc_cn_digit(cp);
        if (v < 0)
            continue;
        ck_assert_int_le(v, 9);
        digits++;
        unsigned char b[3];
        size_t n = utf8_of(cp, b);
        if (cp == 0x4E24) { /* 两 */
            ck_assert_int_eq(v, 2);
            continue;
        }
        ck_assert_msg(arc_cn_digit_last_byte[b[n - 1]] == 1,
                      "U+%04X (digit %d): last byte 0x%02X not in "
                      "arc_cn_digit_last_byte",
                      (unsigned)cp, v, b[n - 1]);
        used[b[n - 1]] = 1;
    }
    /* 〇 零 ○ 一 二 两 三 四 五 六 七 八 九 */
    ck_assert_uint_eq(digits, 13);
    size_t marked = 0;
    for (int i = 0; i < 256; i++) {
        ck_assert_msg(arc_cn_digit_last_byte[i] <= 1, "byte 0x%02X", i);
        marked += arc_cn_digit_last_byte[i];
        ck_assert_msg(!arc_cn_digit_last_byte[i] || used[i],
                      "0x%02X is marked but ends no digit", i);
    }
    ck_assert_uint_eq(marked, 12);
}
END_TEST

/* The same through the date reader: every digit but 两 reads in a year
 * written digit by digit. */
START_TEST(test_cn_digits_in_years)
{
    static const struct {
        const char *digit;
        int value;
    } digits[] = {{"〇", 0}, {"零", 0}, {"○", 0}, {"一", 1}, {"二", 2},
                  {"三", 3}, {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7},
                  {"八", 8}, {"九", 9}};
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++) {
        char s[64];
        snprintf(s, sizeof s, "二〇二%s年三月一日", digits[i].digit);
        arc_text t;
        norm_init(&t, s);
        size_t pos = 0;
        arc_date d;
        ck_assert_msg(arc_date_next(t.norm, t.norm_len, &pos, 0, &d) == 1,
                      "%s: no date", s);
        ck_assert_int_eq(d.kind, ARC_DATE_DAY);
        ck_assert_msg(d.year == 2020 + digits[i].value, "%s: year %d", s,
                      d.year);
        ck_assert_int_eq(d.month, 3);
        ck_assert_int_eq(d.day, 1);
        ck_assert_uint_eq(d.start, 0);
        arc_text_free(&t);
    }
    /* 二〇二两年: not a year; only 三月一日 is a date, without a year. */
    arc_text t;
    norm_init(&t, "二〇二两年三月一日");
    size_t pos = 0;
    arc_date d;
    ck_assert_int_eq(arc_date_next(t.norm, t.norm_len, &pos, 0, &d), 1);
    ck_assert_int_eq(d.year, 0);
    ck_assert_int_eq(d.month, 3);
    ck_assert_uint_eq(d.start, strlen("二〇二两年"));
    arc_text_free(&t);
}
END_TEST

/* ------------------------------------------------------------- parse */

START_TEST(test_date_parse)
{
    int y = 0, m = 0, d = 0;
    ck_assert_int_eq(arc_date_parse("2025-03-01", &y, &m, &d), 0);
    ck_assert_int_eq(y, 2025);
    ck_assert_int_eq(m, 3);
    ck_assert_int_eq(d, 1);
    ck_assert_int_eq(arc_date_parse("2026-12-31", &y, &m, &d), 0);
    ck_assert_int_eq(y * 10000 + m * 100 + d, 20261231);
    ck_assert_int_eq(arc_date_parse("0001-01-01", &y, &m, &d), 0);
    ck_assert_int_eq(y * 10000 + m * 100 + d, 10101);
    /* Leap years: 2024 and 2000 are, 2025 and 1900 are not. */
    ck_assert_int_eq(arc_date_parse("2024-02-29", &y, &m, &d), 0);
    ck_assert_int_eq(y * 10000 + m * 100 + d, 20240229);
    ck_assert_int_eq(arc_date_parse("2000-02-29", &y, &m, &d), 0);
    ck_assert_int_eq(arc_date_parse("2025-02-29", &y, &m, &d), ARC_EINVAL);
    ck_assert_int_eq(arc_date_parse("1900-02-29", &y, &m, &d), ARC_EINVAL);
    ck_assert_int_eq(arc_date_parse("2025-02-28", &y, &m, &d), 0);
    static const char *const bad[] = {
        /* Impossible dates. */
        "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32",
        "0000-01-01",
        /* Wrong lengths. */
        "2025-3-1", "2025-03-1", "2025-3-01", "25-03-01", "02025-03-01",
        "2025-03-011", "2025-03-01\n", " 2025-03-01", "2025-03-01 ", "",
        /* Wrong separators or characters. */
        "2025/03/01", "2025.03.01", "2025年03月01", "20250301", "2025-03_01",
        "2025_03-01", "2025-03-0x", "abcd-03-01", "2025--3-01",
        /* Full-width digits are not folded here. */
        "２０２５-03-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(arc_date_parse(bad[i], &y, &m, &d) == ARC_EINVAL,
                      "\"%s\" accepted", bad[i]);
    ck_assert_int_eq(arc_date_parse(NULL, &y, &m, &d), ARC_EINVAL);
}
END_TEST

START_TEST(test_path_beside)
{
    static const struct {
        const char *file, *path, *want;
    } cases[] = {
        {"proj/.archeck.yaml", "rules/p.yaml", "proj/rules/p.yaml"},
        {"/etc/archeck/c.yaml", "r.yaml", "/etc/archeck/r.yaml"},
        {"a/b/c.yaml", "../x.yaml", "a/b/../x.yaml"},
        /* Relative to a file in the working directory: unchanged. */
        {"c.yaml", "rules/p.yaml", "rules/p.yaml"},
        /* Absolute: unchanged. */
        {"proj/c.yaml", "/opt/r.yaml", "/opt/r.yaml"},
        /* A directory (ends in /). */
        {"proj/", "x.csv", "proj/x.csv"},
        {"/c.yaml", "r.yaml", "/r.yaml"},
        {"青禾区/配置.yaml", "规则/省.yaml", "青禾区/规则/省.yaml"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *p = arc_path_beside(cases[i].file, cases[i].path);
        ck_assert_ptr_nonnull(p);
        ck_assert_msg(strcmp(p, cases[i].want) == 0,
                      "arc_path_beside(%s, %s) = %s, want %s", cases[i].file,
                      cases[i].path, p, cases[i].want);
        /* A fresh copy, never the argument itself. */
        ck_assert_ptr_ne(p, cases[i].path);
        free(p);
    }
}
END_TEST

/* ------------------------------------------------------------- suite */

static Suite *suite(void)
{
    Suite *s = suite_create("extract_date");
    TCase *tc = tcase_create("dates");
    tcase_add_loop_test(tc, test_date_table, 0, (int)N_DATE_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("scan");
    tcase_add_loop_test(tc, test_date_scan_table, 0, (int)N_DATE_SCAN_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("days_in_month");
    tcase_add_loop_test(tc, test_days_in_month_table, 0, (int)N_DIM_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("valid");
    tcase_add_loop_test(tc, test_date_valid_table, 0, (int)N_VALID_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("cmp");
    tcase_add_loop_test(tc, test_date_cmp_table, 0, (int)N_CMP_CASES);
    suite_add_tcase(s, tc);
    tc = tcase_create("cn_digits");
    tcase_add_test(tc, test_cn_digit_last_byte_covers_digits);
    tcase_add_test(tc, test_cn_digits_in_years);
    suite_add_tcase(s, tc);
    tc = tcase_create("parse");
    tcase_add_test(tc, test_date_parse);
    tcase_add_test(tc, test_path_beside);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

/* check_extract_date.c - calendar dates and year ranges (extract.h).
 *
 * Every row is normalised with arc_text_init first, so inputs may use the
 * full-width digits and punctuation of real reports; expected spans are
 * written in normalised form. */
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
    LOST("20212025年", 2021, 2025, "20212025年"),
    /* --- not dates */
    NODATE("2024年"),
    NODATE("2023年以来"),
    NODATE("1122日"),
    NODATE("20252021年"),
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
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

/* extract.h - numbers and dates read out of the normalised text.
 *
 * Both extractors work on normalised text (full-width digits, % and
 * punctuation already folded to ASCII) and return spans into it. */
#ifndef ARC_EXTRACT_H
#define ARC_EXTRACT_H

#include <stddef.h>

/* ---------------------------------------------------------------- numbers */

typedef struct {
    double value;      /* with 万/亿 applied */
    size_t start;      /* the numeral, including a leading 约/近 */
    size_t end;        /* after the unit (or the numeral when none) */
    size_t num_end;    /* end of the numeral and its 万/亿 multiplier */
    size_t unit_start; /* the measure word or "%" / "个百分点" */
    size_t unit_end;
    int decimals;      /* digits after the decimal point */
    int approx;        /* 余 多 近 约 左右 以上 +: never used in exact checks */
    int percent;       /* followed by % */
    int points;        /* followed by 个百分点 */
    int chinese;       /* written in Chinese numerals */
    int ordinal;       /* preceded by 第 */
} arc_num;

/*
 * Reads a number that starts exactly at t[i] (t[0..len) normalised text):
 * Arabic (1,234 with thousands commas, decimals), or Chinese (三, 十二, 一百零五,
 * 两, 二〇二四 digit by digit, 一万二千), then a 万/亿 multiplier, an
 * approximation (余/多/左右/以上/+), and a measure word, % or 个百分点.
 * A Chinese numeral counts only when a measure word, multiplier or % follows
 * it (so 统一, 一是 are not numbers).  Returns 1 and fills *out, or 0.
 */
int arc_num_at(const char *t, size_t len, size_t i, arc_num *out);

/*
 * Finds the next number in t[*pos..end) and advances *pos past it.  Digits
 * glued to Latin letters (G60, 5G) are skipped.  Returns 1 or 0 at the end.
 */
int arc_num_next(const char *t, size_t end, size_t *pos, arc_num *out);

/* Does the number's unit equal the text unit[0..n)? (empty = no unit) */
int arc_num_unit_is(const arc_num *n, const char *t, const char *unit,
                    size_t ulen);

/* ------------------------------------------------------------------ dates */

typedef enum {
    ARC_DATE_DAY = 0,   /* year-month-day (year possibly from context) */
    ARC_DATE_MONTH,     /* year-month */
    ARC_DATE_RANGE,     /* a span of years: 2021—2025年 */
    ARC_DATE_LOST_DASH  /* 20212025年: a range whose dash was lost */
} arc_date_kind;

typedef struct {
    arc_date_kind kind;
    int year, month, day;   /* day / month 0 when absent */
    int year2;              /* ranges: the last year */
    int year_from_context;  /* 3月29日 with the year taken from context */
    size_t start, end;
} arc_date;

/*
 * Finds the next date in t[*pos..end): 2024年2月29日, 2024-03-13, 2024.3.13,
 * 2024/3/13, 二〇二四年三月一日, 2024年3月, 3月29日 (year = context_year, 0 when
 * unknown), year ranges with any dash (2021—2025年, 2021-2025年) and the
 * dash-lost 20212025年.  Dates are returned whatever their validity; see
 * arc_date_valid.  t must be NUL-terminated at or after end.  Returns 1
 * or 0 at the end.
 */
int arc_date_next(const char *t, size_t end, size_t *pos, int context_year,
                  arc_date *out);

/* Scanning state for arc_date_scan: remembers where the next digit, 年 and
 * 月 are, so that a whole document is scanned in one pass. */
typedef struct {
    size_t pos;
    size_t digit, nian, yue, cn;
    size_t scanned; /* bytes gone over, for tests of linear cost */
} arc_date_scanner;

void arc_date_scan_init(arc_date_scanner *sc, size_t pos);

/* As arc_date_next, keeping its state in sc between calls: use it to read
 * all dates of a text. */
int arc_date_scan(arc_date_scanner *sc, const char *t, size_t end,
                  int context_year, arc_date *out);

/* Reads a date that starts exactly at t[i]. */
int arc_date_at(const char *t, size_t len, size_t i, int context_year,
                arc_date *out);

/* A real calendar day written the ways a page's metadata and a signature
 * write it, starting exactly at t[i]: what arc_date_at reads with a year,
 * and also with spaces between the parts (2021 年 4 月 27 日, as PDF copies
 * have it) and day first (26.02.2016).  Returns 1 and fills *out (kind
 * ARC_DATE_DAY, valid), else 0. */
int arc_date_loose_at(const char *t, size_t len, size_t i, arc_date *out);

/* 1 when month/day form a real calendar date (any year when year is 0). */
int arc_date_valid(const arc_date *d);

/* Days in month m of year y (y == 0: February has 29). */
int arc_days_in_month(int y, int m);

/* Compares two calendar dates; <0, 0, >0. */
int arc_date_cmp(int y1, int m1, int d1, int y2, int m2, int d2);

/* The date scanner's pre-filter: 1 for the last UTF-8 byte of every digit
 * arc_cn_digit knows except 两, which never writes a date (exposed for the
 * test that keeps them in step). */
extern const unsigned char arc_cn_digit_last_byte[256];

#endif

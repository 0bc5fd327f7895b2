/* extract_date.c - calendar dates and year ranges in the normalised text. */
#include "extract.h"

#include "archeck.h"

#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define U8_NIAN "\xE5\xB9\xB4" /* 年 */
#define U8_YUE "\xE6\x9C\x88"  /* 月 */
#define U8_RI "\xE6\x97\xA5"   /* 日 */
#define U8_HAO "\xE5\x8F\xB7"  /* 号 */

static int lit(const char *t, size_t len, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i + n <= len && memcmp(t + i, s, n) == 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Last bytes of the UTF-8 encodings of the digits arc_cn_digit knows (〇 零
 * ○ 一 二 三 四 五 六 七 八 九): cn_digit is called for every character while
 * scanning, and one lookup rejects almost every other character before it
 * is decoded.  check_extract_date.c verifies it covers the table. */
const unsigned char arc_cn_digit_last_byte[256] = {
    [0x87] = 1, [0xB6] = 1, [0x8B] = 1, [0x80] = 1, [0x8C] = 1, [0x89] = 1,
    [0x9B] = 1, [0x94] = 1, [0xAD] = 1, [0x83] = 1, [0xAB] = 1, [0x9D] = 1};

/* The Chinese digit at t[i] (its byte length in *k), or -1.  两 counts
 * things and is never a digit of a written-out date. */
static int cn_digit(const char *t, size_t len, size_t i, size_t *k)
{
    *k = 0;
    if (i + 3 > len)
        return -1;
    const unsigned char *p = (const unsigned char *)t + i;
    if (!arc_cn_digit_last_byte[p[2]] || p[0] < 0xE2 || p[0] > 0xE9)
        return -1;
    uint32_t cp = ((uint32_t)(p[0] & 0x0F) << 12) |
                  ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    int d = cp == 0x4E24 ? -1 : arc_cn_digit(cp);
    if (d >= 0)
        *k = 3;
    return d;
}

/* Four-digit year (Arabic, or Chinese digit by digit: 二〇二四). */
static size_t year_at(const char *t, size_t len, size_t i, int *y)
{
    size_t j = i;
    int v = 0, n = 0;
    while (j < len && is_digit(t[j]) && n < 5)
        v = v * 10 + (t[j++] - '0'), n++;
    if (n == 0) {
        size_t k;
        int d;
        while (n < 5 && (d = cn_digit(t, len, j, &k)) >= 0)
            v = v * 10 + d, n++, j += k;
    }
    if (n != 4)
        return 0;
    *y = v;
    return j - i;
}

/* Month or day: 1-2 Arabic digits or a small Chinese numeral. */
static size_t small_at(const char *t, size_t len, size_t i, int *v)
{
    size_t j = i;
    int x = 0;
    while (j < len && is_digit(t[j]) && j - i < 3)
        x = x * 10 + (t[j++] - '0');
    if (j > i) {
        if (j - i > 2)
            return 0;
        *v = x;
        return j - i;
    }
    return arc_cn_small_number(t + i, len - i, v);
}

/* A dash between years: - ~ — – (possibly doubled), 至 or 到. */
static size_t dash_at(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && t[j] == ' ')
        j++;
    size_t start = j;
    for (;;) {
        if (j < len && (t[j] == '-' || t[j] == '~'))
            j++;
        else if (lit(t, len, j, "\xE2\x80\x94") || lit(t, len, j, "\xE2\x80\x93") ||
                 lit(t, len, j, "\xE8\x87\xB3") || lit(t, len, j, "\xE5\x88\xB0"))
            j += 3; /* — – 至 到 */
        else
            break;
    }
    if (j == start)
        return 0;
    while (j < len && t[j] == ' ')
        j++;
    return j - i;
}

int arc_date_at(const char *t, size_t len, size_t i, int context_year,
                arc_date *out)
{
    memset(out, 0, sizeof *out);
    out->start = i;
    int y = 0, m = 0, d = 0;
    size_t k = year_at(t, len, i, &y), j;

    /* 20212025年: eight digits, two plausible years. */
    if (!k && i + 8 < len) {
        int ok = 1;
        for (size_t q = 0; q < 8; q++)
            ok &= is_digit(t[i + q]);
        if (ok && !is_digit(t[i + 8]) && lit(t, len, i + 8, U8_NIAN)) {
            int a = 0, b = 0;
            for (size_t q = 0; q < 4; q++) {
                a = a * 10 + (t[i + q] - '0');
                b = b * 10 + (t[i + 4 + q] - '0');
            }
            if (a >= 1900 && a < 2100 && b > a && b - a <= 20) {
                out->kind = ARC_DATE_LOST_DASH;
                out->year = a;
                out->year2 = b;
                out->end = i + 11;
                return 1;
            }
        }
    }

    if (k) {
        j = i + k;
        /* Ranges: 2021—2025年, 2021-2025年. */
        size_t dk = dash_at(t, len, j);
        int y2;
        size_t k2 = dk ? year_at(t, len, j + dk, &y2) : 0;
        if (k2 && y2 > y) {
            out->kind = ARC_DATE_RANGE;
            out->year = y;
            out->year2 = y2;
            out->end = j + dk + k2;
            if (lit(t, len, out->end, U8_NIAN))
                out->end += 3;
            return 1;
        }
        if (lit(t, len, j, U8_NIAN)) {
            j += 3;
            size_t km = small_at(t, len, j, &m);
            if (!km || !lit(t, len, j + km, U8_YUE))
                return 0; /* a year alone is not a date */
            j += km + 3;
            size_t kd = small_at(t, len, j, &d);
            if (kd && (lit(t, len, j + kd, U8_RI) || lit(t, len, j + kd, U8_HAO))) {
                j += kd + 3;
                out->kind = ARC_DATE_DAY;
            } else {
                d = 0;
                out->kind = ARC_DATE_MONTH;
            }
        } else if (j < len && (t[j] == '-' || t[j] == '.' || t[j] == '/')) {
            char sep = t[j];
            size_t km = small_at(t, len, j + 1, &m);
            if (!km || !is_digit(t[j + 1]) || j + 1 + km >= len ||
                t[j + 1 + km] != sep)
                return 0;
            size_t kd = small_at(t, len, j + 2 + km, &d);
            if (!kd || !is_digit(t[j + 2 + km]))
                return 0;
            j += 2 + km + kd;
            if (j < len && is_digit(t[j]))
                return 0;
            out->kind = ARC_DATE_DAY;
        } else {
            return 0;
        }
        out->year = y;
    } else {
        /* 3月29日 with the year from context; a bare 13月 still counts so
         * that an impossible month is caught. */
        size_t km = small_at(t, len, i, &m);
        if (!km || !lit(t, len, i + km, U8_YUE))
            return 0;
        j = i + km + 3;
        size_t kd = small_at(t, len, j, &d);
        if (kd && (lit(t, len, j + kd, U8_RI) || lit(t, len, j + kd, U8_HAO))) {
            j += kd + 3;
            out->kind = ARC_DATE_DAY;
        } else {
            d = 0;
            out->kind = ARC_DATE_MONTH;
        }
        out->year = context_year;
        out->year_from_context = 1;
    }
    out->month = m;
    out->day = d;
    out->end = j;
    return 1;
}

/* Spaces PDF copies put between a date's parts ("2021 年 4 月 27 日"). */
static size_t spaces(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && (t[j] == ' ' || t[j] == '\t'))
        j++;
    return j - i;
}

/* 1-2 Arabic digits. */
static size_t digits12(const char *t, size_t len, size_t i, int *v)
{
    size_t j = i;
    int x = 0;
    while (j < len && is_digit(t[j]) && j - i < 3)
        x = x * 10 + (t[j++] - '0');
    if (j == i || j - i > 2)
        return 0;
    *v = x;
    return j - i;
}

int arc_date_loose_at(const char *t, size_t len, size_t i, arc_date *out)
{
    if (arc_date_at(t, len, i, 0, out) && out->kind == ARC_DATE_DAY &&
        !out->year_from_context)
        return arc_date_valid(out);
    memset(out, 0, sizeof *out);
    out->start = i;
    out->kind = ARC_DATE_DAY;
    int y = 0, m = 0, d = 0;
    size_t j = i, k;
    /* Day first (aggregators): 26.02.2016. */
    size_t kd = digits12(t, len, j, &d);
    if (kd && j + kd < len && t[j + kd] == '.') {
        size_t p = j + kd + 1;
        size_t km = digits12(t, len, p, &m);
        if (km && p + km + 1 < len && t[p + km] == '.' &&
            is_digit(t[p + km + 1]) && year_at(t, len, p + km + 1, &y) == 4) {
            size_t e = p + km + 1 + 4;
            if (e < len && is_digit(t[e]))
                return 0;
            out->year = y, out->month = m, out->day = d, out->end = e;
            return arc_date_valid(out);
        }
        return 0;
    }
    /* Spaced parts: 2021 年 4 月 27 日, 2021 - 04 - 27. */
    if (!(k = year_at(t, len, j, &y)) || !is_digit(t[j]))
        return 0;
    j += k;
    j += spaces(t, len, j);
    int cn = lit(t, len, j, U8_NIAN);
    if (cn)
        j += 3;
    else if (j < len && (t[j] == '-' || t[j] == '/' || t[j] == '.'))
        j++;
    else
        return 0;
    j += spaces(t, len, j);
    if (!(k = digits12(t, len, j, &m)))
        return 0;
    j += k;
    j += spaces(t, len, j);
    if (cn ? !lit(t, len, j, U8_YUE) : !(j < len && (t[j] == '-' ||
                                                      t[j] == '/' ||
                                                      t[j] == '.')))
        return 0;
    j += cn ? 3 : 1;
    j += spaces(t, len, j);
    if (!(k = digits12(t, len, j, &d)))
        return 0;
    j += k;
    if (cn) {
        size_t q = j + spaces(t, len, j);
        if (lit(t, len, q, U8_RI) || lit(t, len, q, U8_HAO))
            j = q + 3;
    } else if (j < len && is_digit(t[j])) {
        return 0;
    }
    out->year = y, out->month = m, out->day = d, out->end = j;
    return arc_date_valid(out);
}

/* A date starts a run: not glued to a preceding digit or numeral. */
static int starts_run(const char *t, size_t i)
{
    uint32_t p = arc_utf8_before(t, i);
    if ((p >= '0' && p <= '9') || p == '.' || p == '-' || p == '/')
        return 0;
    char buf[4];
    size_t n = arc_utf8_encode(p, buf), k;
    return p == 0 || (cn_digit(buf, n, 0, &k) < 0 && p != 0x5341 /* 十 */);
}

/* Is the character ending at t[i] a Chinese numeral (a digit or 十)? */
static int cn_before(const char *t, size_t from, size_t i)
{
    size_t k;
    return i >= from + 3 &&
           (cn_digit(t, i, i - 3, &k) >= 0 ||
            memcmp(t + i - 3, "\xE5\x8D\x81", 3) == 0);
}

static size_t find3(const char *t, size_t from, size_t end, const char *lit)
{
    /* strstr: glibc's is vectorised; the text is NUL-terminated. */
    const char *h = from < end ? strstr(t + from, lit) : NULL;
    return h && (size_t)(h - t) < end ? (size_t)(h - t) : end;
}

/* A Chinese date has at most this many numerals before its first 年 or 月:
 * four for a year (二〇二四年), three for a month or day (十二月). */
#define CN_DATE_LEAD 4

/* Next start of a Chinese date in [from, end): a run of numerals right
 * before 年 or 月 (二〇二四年, 十二月).  Finds the rarer 年/月 first.  The
 * walk back stops after CN_DATE_LEAD + 1 numerals: a longer run holds no
 * date (its start has too many numerals, every other place in it follows
 * a numeral), and walking each run to its start again from every place in
 * it would take time quadratic in its length. */
static size_t next_cn(arc_date_scanner *sc, const char *t, size_t from,
                      size_t end)
{
    for (;;) {
        if (sc->nian == SIZE_MAX || sc->nian < from) {
            sc->nian = find3(t, from, end, U8_NIAN);
            sc->scanned += sc->nian - from;
        }
        if (sc->yue == SIZE_MAX || sc->yue < from) {
            sc->yue = find3(t, from, end, U8_YUE);
            sc->scanned += sc->yue - from;
        }
        size_t at = sc->nian < sc->yue ? sc->nian : sc->yue;
        if (at >= end)
            return end;
        size_t s = at;
        for (int k = 0; k <= CN_DATE_LEAD && cn_before(t, from, s); k++) {
            s -= 3;
            sc->scanned += 3;
        }
        if (s < at)
            return s;
        from = at + 3;
    }
}

void arc_date_scan_init(arc_date_scanner *sc, size_t pos)
{
    sc->pos = pos;
    sc->nian = sc->yue = sc->digit = sc->cn = SIZE_MAX;
    sc->scanned = 0;
}

int arc_date_scan(arc_date_scanner *sc, const char *t, size_t end,
                  int context_year, arc_date *out)
{
    size_t i = sc->pos;
    while (i < end) {
        if (sc->digit == SIZE_MAX || sc->digit < i) {
            const char *d = strpbrk(t + i, "0123456789");
            sc->digit = d && (size_t)(d - t) < end ? (size_t)(d - t) : end;
            sc->scanned += sc->digit - i;
        }
        if (sc->cn == SIZE_MAX || sc->cn < i)
            sc->cn = next_cn(sc, t, i, end);
        size_t c = sc->digit < sc->cn ? sc->digit : sc->cn;
        if (c >= end)
            break;
        if (starts_run(t, c) && arc_date_at(t, end, c, context_year, out)) {
            sc->pos = out->end;
            return 1;
        }
        if (c == sc->digit) { /* skip the rest of this run of digits */
            i = c + 1;
            while (i < end && is_digit(t[i]))
                i++;
            sc->scanned += i - c;
        } else {
            i = c + 3;
        }
    }
    sc->pos = end;
    return 0;
}

int arc_date_next(const char *t, size_t end, size_t *pos, int context_year,
                  arc_date *out)
{
    arc_date_scanner sc;
    arc_date_scan_init(&sc, *pos);
    int found = arc_date_scan(&sc, t, end, context_year, out);
    *pos = sc.pos;
    return found;
}

int arc_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && (y == 0 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
        return 29;
    return days[m - 1];
}

int arc_date_valid(const arc_date *d)
{
    if (d->kind == ARC_DATE_RANGE || d->kind == ARC_DATE_LOST_DASH)
        return d->year2 > d->year;
    if (d->month < 1 || d->month > 12)
        return 0;
    if (d->kind == ARC_DATE_MONTH)
        return 1;
    return d->day >= 1 && d->day <= arc_days_in_month(d->year, d->month);
}

int arc_date_parse(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10)
        return ARC_EINVAL;
    int v[3] = {0, 0, 0}, f = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return ARC_EINVAL;
            f++;
        } else if (s[i] < '0' || s[i] > '9') {
            return ARC_EINVAL;
        } else {
            v[f] = v[f] * 10 + (s[i] - '0');
        }
    }
    *y = v[0], *m = v[1], *d = v[2];
    if (*y < 1 || *d < 1 || *d > arc_days_in_month(*y, *m))
        return ARC_EINVAL;
    return 0;
}

int arc_date_cmp(int y1, int m1, int d1, int y2, int m2, int d2)
{
    long a = (long)y1 * 10000 + m1 * 100 + d1;
    long b = (long)y2 * 10000 + m2 * 100 + d2;
    return (a > b) - (a < b);
}

/* extract_num.c - numbers with their measure words.  Knows the numeral
 * system and the common measure words (量词); report wording stays in YAML. */
#include "extract.h"

#include "text.h"

#include <string.h>

static uint32_t cp_at(const char *t, size_t len, size_t i, size_t *k)
{
    uint32_t cp = 0;
    *k = i < len ? arc_utf8_decode(t + i, len - i, &cp) : 0;
    return *k ? cp : 0;
}

/* 十 百 千 as place values; 万 亿 as section multipliers. */
static double cn_place(uint32_t cp)
{
    switch (cp) {
    case 0x5341: return 10;
    case 0x767E: return 100;
    case 0x5343: return 1000;
    default: return 0;
    }
}

static double cn_big(uint32_t cp)
{
    return cp == 0x4E07 ? 1e4 : cp == 0x4EBF ? 1e8 : 0;
}

/* Is cp one of the characters of the UTF-8 string set? */
static int strchr_cp(const char *set, uint32_t cp)
{
    size_t n = strlen(set), i = 0;
    while (i < n) {
        uint32_t c;
        size_t k = arc_utf8_decode(set + i, n - i, &c);
        if (!k)
            return 0;
        if (c == cp)
            return 1;
        i += k;
    }
    return 0;
}

static int is_ascii_alpha(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Measure words, longest first where one is a prefix of another. */
static const char *const units[] = {
    "个百分点", "人次", "户次", "家次", "件次", "批次", "余人", "平方米",
    "公里", "小时", "学时", "课时", "万元", "亿元", "周年",
    "件", "次", "个", "项", "名", "人", "家", "起", "条", "份", "场", "篇",
    "期", "批", "所", "支", "户", "元", "卷", "天", "日", "月", "年", "号",
    "类", "座", "处", "套", "本", "部", "台", "辆", "间", "轮", "级", "节",
    "门", "株", "亩", "米", "吨", "册", "页", "封", "宗", "组", "队", "班",
    "届", "周", "种", "块", "张", "位", "例", "集", "单", "笔", "栋", "幢",
    "季", NULL};

static size_t unit_at(const char *t, size_t len, size_t i)
{
    for (const char *const *u = units; *u; u++) {
        size_t n = strlen(*u);
        if (i + n <= len && memcmp(t + i, *u, n) == 0)
            return n;
    }
    return 0;
}

#define U8_YU "\xE4\xBD\x99"    /* 余 */
#define U8_DUO "\xE5\xA4\x9A"   /* 多 */
#define U8_LAI "\xE6\x9D\xA5"   /* 来 */
#define U8_ZUOYOU "\xE5\xB7\xA6\xE5\x8F\xB3" /* 左右 */
#define U8_YISHANG "\xE4\xBB\xA5\xE4\xB8\x8A" /* 以上 */

static int lit(const char *t, size_t len, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i + n <= len && memcmp(t + i, s, n) == 0;
}

/* Arabic numeral at t[i]: digits with optional thousands groups and a
 * decimal part.  Returns the end, or i when there is none or the run is a
 * dotted date or version (2024.3.13). */
static size_t arabic(const char *t, size_t len, size_t i, double *v, int *dec)
{
    size_t j = i;
    double x = 0;
    while (j < len && is_digit(t[j]))
        x = x * 10 + (t[j++] - '0');
    if (j == i)
        return i;
    /* 1,234,567: only groups of exactly three digits. */
    int grouped = j - i <= 3;
    while (grouped && j + 3 < len && t[j] == ',' && is_digit(t[j + 1]) &&
           is_digit(t[j + 2]) && is_digit(t[j + 3]) &&
           (j + 4 >= len || !is_digit(t[j + 4]))) {
        x = x * 1000 + (t[j + 1] - '0') * 100 + (t[j + 2] - '0') * 10 +
            (t[j + 3] - '0');
        j += 4;
    }
    *dec = 0;
    if (j + 1 < len && t[j] == '.' && is_digit(t[j + 1])) {
        size_t k = j + 1;
        double scale = 0.1;
        while (k < len && is_digit(t[k])) {
            x += (t[k] - '0') * scale;
            scale /= 10;
            k++;
            (*dec)++;
        }
        if (k + 1 < len && t[k] == '.' && is_digit(t[k + 1]))
            return i;
        j = k;
    }
    *v = x;
    return j;
}

/* Chinese numeral at t[i]; returns the end or i. */
static size_t chinese(const char *t, size_t len, size_t i, double *v)
{
    size_t j = i, k;
    int digits = 0, places = 0, ndig = 0;
    double total = 0, section = 0, digit = -1, plain = 0;
    for (;;) {
        uint32_t cp = cp_at(t, len, j, &k);
        int d = k ? arc_cn_digit(cp) : -1;
        double p = k ? cn_place(cp) : 0, big = k ? cn_big(cp) : 0;
        if (d >= 0) {
            digit = d;
            plain = plain * 10 + d;
            ndig++;
            digits = 1;
        } else if (p > 0) {
            section += (digit < 0 ? 1 : digit) * p;
            digit = -1;
            places = 1;
        } else if (big > 0 && (digits || places)) {
            /* 万 / 亿 close a section; a following numeral continues. */
            total = (total + section + (digit < 0 ? 0 : digit)) * big;
            section = 0;
            digit = -1;
            places = 1;
            /* "三万人" - stop unless another numeral follows. */
            size_t k2;
            uint32_t nx = cp_at(t, len, j + k, &k2);
            if (!(k2 && (arc_cn_digit(nx) >= 0 || cn_place(nx) > 0))) {
                j += k;
                break;
            }
        } else {
            break;
        }
        j += k;
    }
    if (j == i)
        return i;
    if (!places && ndig >= 2)
        *v = plain; /* 二〇二四: read digit by digit */
    else
        *v = total + section + (digit < 0 ? 0 : digit);
    return j;
}

int arc_num_at(const char *t, size_t len, size_t i, arc_num *out)
{
    memset(out, 0, sizeof *out);
    size_t k;
    double v = 0;
    int dec = 0;
    uint32_t prev = arc_utf8_before(t, i);
    if (is_ascii_alpha(prev) || (prev >= '0' && prev <= '9'))
        return 0;
    size_t j = arabic(t, len, i, &v, &dec);
    int chinese_num = 0;
    if (j == i) {
        j = chinese(t, len, i, &v);
        if (j == i)
            return 0;
        chinese_num = 1;
    } else {
        uint32_t nx = cp_at(t, len, j, &k);
        if (is_ascii_alpha(nx))
            return 0;
    }
    /* A lone 一 inside a word (统一, 一起, 一部分) is not a count unless a
     * counting word stands before it. */
    if (chinese_num && j - i == 3 && v == 1 && prev >= 0x4E00 &&
        prev <= 0x9FFF && !strchr_cp("共计有为了达约近逾超仅只各每", prev))
        return 0;
    out->start = i;
    out->decimals = dec;
    out->chinese = chinese_num;
    out->ordinal = prev == 0x7B2C; /* 第 */
    out->approx = prev == 0x7EA6 || prev == 0x8FD1 || prev == 0x903E ||
                  prev == 0x8D85 || prev == 0x6570; /* 约 近 逾 超 数 */
    if (prev == 0x7EA6 || prev == 0x8FD1) /* 约 近 belong to the span */
        out->start = i - 3;

    /* An Arabic numeral may take 万 / 亿. */
    int had_big = 0;
    if (!chinese_num) {
        uint32_t cp = cp_at(t, len, j, &k);
        double big = cn_big(cp);
        if (big > 0) {
            v *= big;
            j += k;
            had_big = 1;
        }
    }
    out->num_end = j;
    if (lit(t, len, j, U8_YU) || lit(t, len, j, U8_DUO) ||
        lit(t, len, j, U8_LAI)) {
        out->approx = 1;
        j += 3;
        /* 50余万元: the multiplier may follow the approximation. */
        uint32_t cp = cp_at(t, len, j, &k);
        double big = cn_big(cp);
        if (big > 0 && !had_big) {
            v *= big;
            j += k;
        }
    }
    size_t u = 0;
    if (j < len && t[j] == '%') {
        out->percent = 1;
        u = 1;
    } else {
        u = unit_at(t, len, j);
        if (u && lit(t, len, j, "个百分点"))
            out->points = 1;
    }
    out->unit_start = j;
    out->unit_end = j + u;
    if (chinese_num && !u && !had_big && !(cn_big(arc_utf8_before(t, j)) > 0))
        return 0; /* 统一, 一是: not counts */
    j += u;
    if (lit(t, len, j, U8_ZUOYOU) || lit(t, len, j, U8_YISHANG)) {
        out->approx = 1;
        j += 6;
    } else if (j < len && t[j] == '+') {
        out->approx = 1;
        j++;
    }
    out->end = j;
    out->value = v;
    return 1;
}

int arc_num_next(const char *t, size_t end, size_t *pos, arc_num *out)
{
    size_t i = *pos, k;
    while (i < end) {
        uint32_t cp = cp_at(t, end, i, &k);
        if (!k) {
            i++;
            continue;
        }
        int starts_num = (cp >= '0' && cp <= '9') || arc_cn_digit(cp) >= 0 ||
                         cn_place(cp) > 0;
        if (starts_num) {
            uint32_t prev = arc_utf8_before(t, i);
            /* "," and "." belong to a numeral only right after a digit
             * (1,234 / 4.7); after a word they separate list items. */
            uint32_t prev2 = (prev == '.' || prev == ',')
                                 ? arc_utf8_before(t, i - 1)
                                 : 0;
            int prev_num = (prev >= '0' && prev <= '9') ||
                           arc_cn_digit(prev) >= 0 || cn_place(prev) > 0 ||
                           (prev2 >= '0' && prev2 <= '9');
            if (!prev_num && arc_num_at(t, end, i, out)) {
                *pos = out->end > i ? out->end : i + k;
                return 1;
            }
            /* Skip the rest of this run of numerals. */
            size_t j = i + k;
            for (;;) {
                uint32_t c2 = cp_at(t, end, j, &k);
                if (!k || !((c2 >= '0' && c2 <= '9') || c2 == '.' ||
                            c2 == ',' || arc_cn_digit(c2) >= 0 ||
                            cn_place(c2) > 0))
                    break;
                j += k;
            }
            i = j;
            continue;
        }
        i += k;
    }
    *pos = end;
    return 0;
}

int arc_num_unit_is(const arc_num *n, const char *t, const char *unit,
                    size_t ulen)
{
    return n->unit_end - n->unit_start == ulen &&
           memcmp(t + n->unit_start, unit, ulen) == 0;
}

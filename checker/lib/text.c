#include "text.h"

#include "archeck.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

size_t arc_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t arc_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t arc_utf8_validate(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* Fast paths: ASCII, and the three-byte CJK range E4..E9 (no
         * overlong or surrogate forms are possible there). */
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        /* Three-byte forms whose lead rules out overlong (E0) and
         * surrogate (ED) encodings: CJK and its punctuation. */
        if (u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && i + 2 < n &&
            (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t k = arc_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

uint32_t arc_utf8_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    size_t b = i - 1;
    while (b > 0 && i - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
        b--;
    uint32_t cp = 0;
    return arc_utf8_decode(s + b, i - b, &cp) == i - b ? cp : 0;
}

size_t arc_utf8_count(const char *s, size_t n)
{
    size_t c = 0, i = 0;
    /* Eight bytes at a time: a continuation byte is 10xxxxxx (bit 7 set,
     * bit 6, shifted onto it, clear); the multiply sums the flags. */
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t cont = (x & ~(x << 1) & 0x8080808080808080ULL) >> 7;
        c += 8 - (size_t)((cont * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

size_t arc_utf8_prefix(const char *s, size_t n, size_t chars)
{
    size_t i = 0, c = 0;
    while (i < n) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (c == chars)
                break;
            c++;
        }
        i++;
    }
    return i;
}

/* Zero-width characters copied from web pages are dropped. */
#define ARC_DROP 0xFFFFFFFFu

static uint32_t fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + 0x21;
    if (cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) ||
        cp == 0x202F || cp == 0x205F)
        return ' ';
    if (cp == 0x200B || cp == 0xFEFF || cp == 0x200C || cp == 0x200D)
        return ARC_DROP;
    return cp;
}

/* Records that normalised offset norm continues at original offset orig. */
static int add_break(arc_text *t, size_t *cap, size_t norm, size_t orig)
{
    arc_break *last = &t->breaks[t->nbreaks - 1];
    if (last->norm == norm) { /* two drops in a row */
        last->orig = (uint32_t)orig;
        return 0;
    }
    if (arc_grow((void **)&t->breaks, cap, t->nbreaks + 1, sizeof *t->breaks))
        return ARC_ENOMEM;
    t->breaks[t->nbreaks++] = (arc_break){(uint32_t)norm, (uint32_t)orig};
    return 0;
}

size_t arc_text_orig(const arc_text *t, size_t off)
{
    if (off > t->norm_len)
        off = t->norm_len;
    size_t lo = 0, hi = t->nbreaks;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->breaks[mid].norm <= off)
            lo = mid;
        else
            hi = mid;
    }
    return t->breaks[lo].orig + (off - t->breaks[lo].norm);
}

/* The character counts at every ARC_TEXT_BLOCK bytes of orig (the text
 * is valid UTF-8 by now: characters are the bytes that are not
 * continuation bytes). */
static int count_blocks(arc_text *t)
{
    size_t n = t->orig_len / ARC_TEXT_BLOCK + 1;
    if (!(t->chars = malloc(n * sizeof *t->chars)))
        return ARC_ENOMEM;
    uint32_t c = 0;
    for (size_t b = 0; b < n; b++) {
        t->chars[b] = c;
        size_t from = b * ARC_TEXT_BLOCK, k = t->orig_len - from;
        if (k > ARC_TEXT_BLOCK)
            k = ARC_TEXT_BLOCK;
        c += (uint32_t)arc_utf8_count(t->orig + from, k);
    }
    return 0;
}

int arc_text_init(arc_text *t, const char *data, size_t len, size_t *bad)
{
    memset(t, 0, sizeof *t);
    size_t bom = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        bom = 3;
        t->bom = 3;
        data += 3;
        len -= 3;
    }
    t->orig = arc_strndup(data, len);
    /* Folding never lengthens the text: every fold maps a 3-byte sequence
     * to one byte, or CRLF to LF. */
    t->norm = malloc(len + 1);
    size_t cap = 0, bcap = 0;
    if (!t->orig || !t->norm ||
        arc_grow((void **)&t->breaks, &bcap, 16, sizeof *t->breaks))
        goto nomem;
    t->breaks[t->nbreaks++] = (arc_break){0, 0};
    if (arc_grow((void **)&t->lines, &cap, 64, sizeof *t->lines))
        goto nomem;
    t->lines[t->nlines++] = 0;

    /* Everything is copied in runs up to the next byte that may need more
     * than a copy: a line end, or the start of a character that folds. */
    const unsigned char *u = (const unsigned char *)data;
    size_t o = 0, i = 0, j = 0;
    while (i < len) {
        j = i;
        while (j < len) {
            unsigned char c = u[j];
            if (c < 0x80) {
                if (c == '\r' || c == '\n')
                    break;
                j++;
            } else if (c >= 0xE4 && c <= 0xE9) { /* CJK ideographs */
                if (j + 2 >= len || (u[j + 1] & 0xC0) != 0x80 ||
                    (u[j + 2] & 0xC0) != 0x80)
                    goto invalid;
                j += 3;
            } else if (j + 1 < len &&
                       ((c == 0xC2 && u[j + 1] == 0xA0) ||
                        (c == 0xE2 && (u[j + 1] == 0x80 || u[j + 1] == 0x81)) ||
                        (c == 0xE3 && u[j + 1] == 0x80 && j + 2 < len &&
                         u[j + 2] == 0x80) ||
                        (c == 0xEF && (u[j + 1] == 0xBB || u[j + 1] == 0xBC ||
                                       u[j + 1] == 0xBD)))) {
                break;
            } else {
                uint32_t cp;
                size_t k = arc_utf8_decode(data + j, len - j, &cp);
                if (!k)
                    goto invalid;
                j += k;
            }
        }
        memcpy(t->norm + o, data + i, j - i);
        o += j - i;
        i = j;
        if (i == len)
            break;
        unsigned char c = (unsigned char)data[i];
        if (c == '\r' || c == '\n') {
            size_t k = (c == '\r' && i + 1 < len && data[i + 1] == '\n') ? 2 : 1;
            t->norm[o++] = '\n';
            i += k;
            if (k == 2 && add_break(t, &bcap, o, i))
                goto nomem;
            if (arc_grow((void **)&t->lines, &cap, t->nlines + 1,
                         sizeof *t->lines))
                goto nomem;
            t->lines[t->nlines++] = i;
            continue;
        }
        uint32_t cp = 0;
        size_t k = arc_utf8_decode(data + i, len - i, &cp);
        if (!k) {
            j = i;
            goto invalid;
        }
        uint32_t f = fold(cp);
        if (f == ARC_DROP) {
            if (add_break(t, &bcap, o, i + k))
                goto nomem;
        } else if (f != cp) {
            t->norm[o++] = (char)f;
            if (add_break(t, &bcap, o, i + k))
                goto nomem;
        } else {
            memcpy(t->norm + o, data + i, k);
            o += k;
        }
        i += k;
    }
    t->norm[o] = '\0';
    t->norm_len = o;
    t->orig_len = len;
    if (count_blocks(t))
        goto nomem;
    return 0;
invalid:
    arc_text_free(t);
    if (bad)
        *bad = bom + j;
    return ARC_EENCODING;
nomem:
    arc_text_free(t);
    return ARC_ENOMEM;
}

void arc_text_free(arc_text *t)
{
    free(t->orig);
    free(t->norm);
    free(t->breaks);
    free(t->lines);
    free(t->chars);
    memset(t, 0, sizeof *t);
}

/* Characters of orig before byte `off`, from the checkpoint of its block;
 * adds the bytes counted to *work. */
static size_t chars_before(const arc_text *t, size_t off, size_t *work)
{
    size_t from = off - off % ARC_TEXT_BLOCK;
    *work += off - from;
    return t->chars[off / ARC_TEXT_BLOCK] +
           arc_utf8_count(t->orig + from, off - from);
}

/* Line and column of orig_off; adds the bytes counted to *work. */
static void orig_position(const arc_text *t, size_t orig_off, int *line,
                          int *col, size_t *work)
{
    size_t lo = 0, hi = t->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lines[mid] <= orig_off)
            lo = mid;
        else
            hi = mid;
    }
    *line = (int)lo + 1;
    size_t start = t->lines[lo];
    /* A short way into the line is counted directly; further in, the two
     * checkpoints keep the count within two blocks whatever the line's
     * length (a report flattened to one line has only one). */
    if (orig_off - start <= ARC_TEXT_BLOCK || !t->chars) {
        *work += orig_off - start;
        *col = (int)arc_utf8_count(t->orig + start, orig_off - start) + 1;
    } else {
        *col = (int)(chars_before(t, orig_off, work) -
                     chars_before(t, start, work)) + 1;
    }
}

void arc_text_orig_position(const arc_text *t, size_t orig_off, int *line,
                            int *col)
{
    size_t work = 0;
    orig_position(t, orig_off, line, col, &work);
}

void arc_text_position(const arc_text *t, size_t off, int *line, int *col,
                       size_t *orig_off)
{
    arc_text_locate(t, off, line, col, orig_off, NULL);
}

void arc_text_locate(const arc_text *t, size_t off, int *line, int *col,
                     size_t *orig_off, size_t *work)
{
    size_t oo = arc_text_orig(t, off), unused = 0;
    if (orig_off)
        *orig_off = oo + t->bom;
    orig_position(t, oo, line, col, work ? work : &unused);
}

int arc_cn_digit(uint32_t cp)
{
    switch (cp) {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */
    case 0x25CB: /* ○, often typed for 〇 */
        return 0;
    case 0x4E00: return 1; /* 一 */
    case 0x4E8C: return 2; /* 二 */
    case 0x4E24: return 2; /* 两 */
    case 0x4E09: return 3; /* 三 */
    case 0x56DB: return 4; /* 四 */
    case 0x4E94: return 5; /* 五 */
    case 0x516D: return 6; /* 六 */
    case 0x4E03: return 7; /* 七 */
    case 0x516B: return 8; /* 八 */
    case 0x4E5D: return 9; /* 九 */
    default: return -1;
    }
}

size_t arc_cn_small_number(const char *s, size_t n, int *value)
{
    /* Grammar: [d] 十 [d] | d, with d in 一..九 (两 only alone). */
    size_t i = 0;
    uint32_t cp;
    int tens = -1, units = -1;
    size_t k = arc_utf8_decode(s, n, &cp);
    if (!k)
        return 0;
    int d = arc_cn_digit(cp);
    if (cp == 0x4E24) { /* 两 counts alone, never as a tens digit */
        *value = 2;
        return k;
    }
    if (d >= 0) {
        units = d;
        i += k;
        k = arc_utf8_decode(s + i, n - i, &cp);
    }
    if (k && cp == 0x5341) { /* 十 */
        if (units == 0)
            return 0;
        tens = units < 0 ? 1 : units;
        units = 0;
        i += k;
        k = arc_utf8_decode(s + i, n - i, &cp);
        if (k && cp != 0x4E24 && (d = arc_cn_digit(cp)) > 0) {
            units = d;
            i += k;
        }
    }
    if (tens < 0 && units < 0)
        return 0;
    *value = (tens < 0 ? 0 : tens * 10) + units;
    return i;
}

char *arc_cn_small_render(int value, char *out)
{
    static const char *const d[] = {"",   "一", "二", "三", "四",
                                    "五", "六", "七", "八", "九"};
    out[0] = '\0';
    if (value <= 0 || value > 99)
        return out;
    int tens = value / 10, units = value % 10;
    if (tens > 1)
        strcat(out, d[tens]);
    if (tens)
        strcat(out, "十");
    strcat(out, d[units]);
    return out;
}

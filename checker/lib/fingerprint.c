/* fingerprint.c - kept characters, k-gram hashes, winnowing and bigrams
 * (see fingerprint.h). */
#include "fingerprint.h"

#include "archeck.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void arc_kept_free(arc_kept *k)
{
    free(k->cp);
    free(k->start);
    free(k->flag);
    free(k->mask_at);
    free(k->mask_end);
    free(k->digit);
    free(k->nian);
    memset(k, 0, sizeof *k);
}

static int kept_room(arc_kept *k, size_t need)
{
    if (need <= k->cap)
        return 0;
    size_t nc = k->cap ? k->cap : 256;
    while (nc < need)
        nc *= 2;
    uint32_t *a = realloc(k->cp, nc * sizeof *a);
    if (!a)
        return ARC_ENOMEM;
    k->cp = a;
    uint32_t *b = realloc(k->start, nc * sizeof *b);
    if (!b)
        return ARC_ENOMEM;
    k->start = b;
    uint8_t *f = realloc(k->flag, nc);
    if (!f)
        return ARC_ENOMEM;
    k->flag = f;
    k->cap = nc;
    return 0;
}

/* Room for need masked names. */
static int mask_room(arc_kept *k, size_t need)
{
    if (need <= k->mask_cap)
        return 0;
    uint32_t *a = realloc(k->mask_at, need * sizeof *a);
    if (!a)
        return ARC_ENOMEM;
    k->mask_at = a;
    uint32_t *e = realloc(k->mask_end, need * sizeof *e);
    if (!e)
        return ARC_ENOMEM;
    k->mask_end = e;
    k->mask_cap = need;
    return 0;
}

size_t arc_kept_end(const arc_kept *k, size_t i)
{
    uint32_t c = k->cp[i];
    if (c == ARC_KEPT_MASK) {
        size_t lo = arc_lower_bound_u32(k->mask_at, k->nmask, i);
        return lo < k->nmask ? k->mask_end[lo] : k->start[i];
    }
    /* Kept characters: ASCII digits, BMP ideographs, supplementary ones. */
    return k->start[i] + (c < 0x80 ? 1 : c < 0x10000 ? 3 : 4);
}

/* The first occurrence of needle (len bytes) in text[at, to), or NULL.
 * strstr (fast in every libc) when the text ends there with its NUL. */
static const char *find(const char *text, size_t at, size_t to,
                        const char *needle, size_t len)
{
    if (text[to] == '\0') {
        const char *hit = strstr(text + at, needle);
        return hit && (size_t)(hit - text) + len <= to ? hit : NULL;
    }
    for (size_t i = at; i + len <= to; i++)
        if (text[i] == needle[0] && memcmp(text + i, needle, len) == 0)
            return text + i;
    return NULL;
}

/* Where the names occur in text[from, to): byte spans, in text order,
 * a longer name winning over one it overlaps (names are tried longest
 * first). */
typedef struct {
    size_t s, e;
} span;

static int find_names(const char *text, size_t from, size_t to,
                      const char *const *mask, size_t nmask, span **out,
                      size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    for (size_t m = 0; m < nmask; m++) {
        size_t len = strlen(mask[m]);
        if (!len)
            continue;
        for (size_t at = from; at + len <= to;) {
            const char *hit = find(text, at, to, mask[m], len);
            if (!hit)
                break;
            size_t s = (size_t)(hit - text), e = s + len;
            int overlap = 0;
            for (size_t k = 0; k < *n && !overlap; k++)
                overlap = s < (*out)[k].e && (*out)[k].s < e;
            if (!overlap) {
                if (arc_grow((void **)out, &cap, *n + 1, sizeof **out)) {
                    free(*out);
                    *out = NULL;
                    return ARC_ENOMEM;
                }
                (*out)[(*n)++] = (span){s, e};
            }
            at = e;
        }
    }
    /* Few occurrences: insertion sort by position. */
    for (size_t i = 1; i < *n; i++) {
        span x = (*out)[i];
        size_t j = i;
        while (j > 0 && (*out)[j - 1].s > x.s) {
            (*out)[j] = (*out)[j - 1];
            j--;
        }
        (*out)[j] = x;
    }
    return 0;
}

/* Bytes read between two checks of the arrays' room. */
#define SEGMENT 4096

int arc_kept_build(arc_kept *k, const char *text, size_t from, size_t to,
                   const char *const *mask, size_t nmask)
{
    const unsigned char *t = (const unsigned char *)text;
    span *names = NULL;
    size_t nnames = 0, next = 0;
    k->n = 0;
    k->nmask = 0;
    k->ndigit = 0;
    k->nnian = 0;
    /* CJK text holds one kept character per 3 bytes; digits and ASCII
     * grow the arrays when they must. */
    if (kept_room(k, (to - from) / 3 + 16) ||
        find_names(text, from, to, mask, nmask, &names, &nnames))
        return ARC_ENOMEM;
    if (mask_room(k, nnames))
        goto nomem;
    /* The arrays in locals: the stores through them cannot change them. */
    uint32_t *cp = k->cp, *st = k->start;
    uint8_t *fl = k->flag;
    size_t n = 0;
    size_t stop = nnames ? names[0].s : to;
    size_t prev_end = (size_t)-1; /* byte after the last kept character */
    unsigned prev_cjk = 0;
    for (size_t i = from; i < to;) {
        if (i >= stop) {
            /* A name: one placeholder standing for all of it. */
            if (kept_room(k, n + 1))
                goto nomem;
            cp = k->cp, st = k->start, fl = k->flag;
            k->mask_at[k->nmask] = (uint32_t)n;
            k->mask_end[k->nmask++] = (uint32_t)names[next].e;
            cp[n] = ARC_KEPT_MASK;
            st[n] = (uint32_t)i;
            fl[n] = (uint8_t)(i == prev_end);
            n++;
            prev_end = names[next].e;
            prev_cjk = 0;
            i = names[next].e;
            next++;
            stop = next < nnames ? names[next].s : to;
            continue;
        }
        /* A stretch up to the next name, at most SEGMENT bytes: room for
         * a character a byte, so that the loop tests neither. */
        size_t end = stop - i > SEGMENT ? i + SEGMENT : stop;
        if (kept_room(k, n + (end - i)))
            goto nomem;
        cp = k->cp, st = k->start, fl = k->flag;
        while (i < end) {
            unsigned b = t[i];
            uint32_t c;
            size_t len;
            unsigned cjk;
            /* Most of a report: U+4000..U+9FFF, ideographs but for the
             * hexagrams U+4DC0..U+4DFF. */
            if (b - 0xE4u < 6u && i + 3 <= to) {
                c = (b & 0x0Fu) << 12 | (t[i + 1] & 0x3Fu) << 6 |
                    (t[i + 2] & 0x3Fu);
                if (c - 0x4DC0u >= 0x40u) {
                    /* A run's first ideograph: the only place a 年 can
                     * follow a digit. */
                    if (c == 0x5E74 && n > 0 && cp[n - 1] - '0' < 10u) {
                        if (arc_grow((void **)&k->nian, &k->nian_cap,
                                     k->nnian + 1, sizeof *k->nian))
                            goto nomem;
                        k->nian[k->nnian++] = (uint32_t)n;
                    }
                    unsigned joined = i == prev_end;
                    cp[n] = c;
                    st[n] = (uint32_t)i;
                    fl[n] = (uint8_t)(joined | (joined & prev_cjk) << 1);
                    n++;
                    i += 3;
                    /* The run of such ideographs that follows: each
                     * joined to an ideograph. */
                    while (i + 3 <= end && t[i] - 0xE4u < 6u) {
                        c = (t[i] & 0x0Fu) << 12 | (t[i + 1] & 0x3Fu) << 6 |
                            (t[i + 2] & 0x3Fu);
                        if (c - 0x4DC0u < 0x40u)
                            break;
                        cp[n] = c;
                        st[n] = (uint32_t)i;
                        fl[n] = ARC_KEPT_JOINED | ARC_KEPT_BIGRAM;
                        n++;
                        i += 3;
                    }
                    prev_end = i;
                    prev_cjk = 1;
                    continue;
                }
            }
            /* The text is valid UTF-8 (validated once when normalised). */
            if (b >= 0xE0) {
                if (b < 0xF0) {
                    c = (b & 0x0Fu) << 12 | (t[i + 1] & 0x3Fu) << 6 |
                        (t[i + 2] & 0x3Fu);
                    len = 3;
                } else {
                    c = (b & 0x07u) << 18 | (t[i + 1] & 0x3Fu) << 12 |
                        (t[i + 2] & 0x3Fu) << 6 | (t[i + 3] & 0x3Fu);
                    len = 4;
                }
                if (i + len > to)
                    goto done;
                if (!arc_kept_char(c)) {
                    i += len;
                    continue;
                }
                cjk = 1;
            } else if (b - '0' < 10u) {
                c = b;
                len = 1;
                cjk = 0;
                if (arc_grow((void **)&k->digit, &k->digit_cap, k->ndigit + 1,
                             sizeof *k->digit))
                    goto nomem;
                k->digit[k->ndigit++] = (uint32_t)n;
            } else {
                i += b < 0x80 ? 1 : 2; /* no kept character has two bytes */
                continue;
            }
            unsigned joined = i == prev_end;
            cp[n] = c;
            st[n] = (uint32_t)i;
            fl[n] = (uint8_t)(joined | (joined & cjk & prev_cjk) << 1);
            n++;
            prev_end = i + len;
            prev_cjk = cjk;
            i += len;
        }
    }
done:
    k->n = n;
    free(names);
    return 0;
nomem:
    free(names);
    return ARC_ENOMEM;
}

/* A polynomial hash mod 2^64 (rolled over the k-grams), finished by the
 * splitmix64 mixer. */
#define BASE 0x100000001B3ULL

static uint64_t value(uint32_t cp)
{
    return (uint64_t)cp + 0x9E3779B97F4A7C15ULL;
}

static uint32_t finish(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return (uint32_t)(h >> 32);
}

uint32_t arc_kept_hash(const arc_kept *k, size_t at, size_t n)
{
    uint64_t h = 0;
    for (size_t i = at; i < at + n && i < k->n; i++)
        h = h * BASE + value(k->cp[i]);
    return finish(h);
}

static int room32(uint32_t **buf, size_t *cap, size_t need)
{
    return arc_grow((void **)buf, cap, need ? need : 1, sizeof **buf);
}

int arc_kgram_hashes(const arc_kept *kp, unsigned k, uint32_t **buf,
                     size_t *cap, size_t *n)
{
    *n = 0;
    if (k == 0 || kp->n < k)
        return 0;
    size_t m = kp->n - k + 1;
    if (room32(buf, cap, m))
        return ARC_ENOMEM;
    uint32_t *h = *buf;
    uint64_t top = 1; /* BASE^(k-1) */
    for (unsigned i = 1; i < k; i++)
        top *= BASE;
    uint64_t r = 0;
    for (size_t i = 0; i < k; i++)
        r = r * BASE + value(kp->cp[i]);
    h[0] = finish(r);
    for (size_t i = 1; i < m; i++) {
        r = (r - value(kp->cp[i - 1]) * top) * BASE + value(kp->cp[i + k - 1]);
        h[i] = finish(r);
    }
    *n = m;
    return 0;
}

int arc_winnow(const uint32_t *h, size_t n, unsigned w, uint32_t **buf,
               size_t *cap, size_t *nout)
{
    *nout = 0;
    if (n == 0)
        return 0;
    if (w == 0)
        w = 1;
    size_t win = n < w ? n : w;
    /* Usually about 2n / (w + 1) selections; grown if need be. */
    if (room32(buf, cap, 2 * n / (win + 1) + 16))
        return ARC_ENOMEM;
    /* The first window's rightmost minimum. */
    size_t m = 0;
    for (size_t j = 1; j < win; j++)
        if (h[j] <= h[m])
            m = j;
    uint32_t hm = h[m];
    uint32_t *out = *buf;
    size_t cnt = 0;
    out[cnt++] = (uint32_t)m;
    /* Each window after it: a new minimum is always to the right of the
     * last one selected, so none is selected twice. */
    for (size_t r = win; r < n; r++) {
        size_t l = r + 1 - win;
        if (m < l) {
            /* The minimum left the window: rescan it (rightmost minimum),
             * with conditional moves: which value wins is random. */
            m = l;
            hm = h[l];
            for (size_t j = l + 1; j <= r; j++) {
                uint32_t v = h[j];
                int le = v <= hm;
                m = le ? j : m;
                hm = le ? v : hm;
            }
        } else if (h[r] <= hm) {
            m = r;
            hm = h[r];
        } else {
            continue;
        }
        if (cnt == *cap) {
            if (room32(buf, cap, cnt + 1))
                return ARC_ENOMEM;
            out = *buf;
        }
        out[cnt++] = (uint32_t)m;
    }
    *nout = cnt;
    return 0;
}

uint16_t arc_bigram_hash(uint32_t a, uint32_t b)
{
    uint32_t h = (a * 0x9E3779B1u ^ b) * 0x85EBCA6Bu;
    return (uint16_t)(h >> 16);
}

int arc_bigrams(const arc_kept *k, size_t from, size_t to,
                const uint64_t *stop, uint64_t *seen, uint16_t **v,
                size_t *n, size_t *cap)
{
    if (to > k->n)
        to = k->n;
    if (to <= from + 1)
        return 0;
    if (arc_grow((void **)v, cap, *n + (to - from), sizeof **v))
        return ARC_ENOMEM;
    const uint32_t *cp = k->cp;
    const uint8_t *fl = k->flag;
    /* Without stop words, `seen` stands in for them: one test a bigram. */
    const uint64_t *skip = stop ? stop : seen;
    uint16_t *first = *v + *n, *out = first;
    for (size_t j = from + 1; j < to; j++) {
        if (!(fl[j] & ARC_KEPT_BIGRAM))
            continue;
        uint16_t g = arc_bigram_hash(cp[j - 1], cp[j]);
        uint64_t bit = 1ULL << (g & 63);
        if ((seen[g >> 6] | skip[g >> 6]) & bit)
            continue;
        seen[g >> 6] |= bit;
        *out++ = g;
    }
    for (const uint16_t *q = first; q < out; q++)
        seen[*q >> 6] &= ~(1ULL << (*q & 63));
    *n = (size_t)(out - *v);
    return 0;
}

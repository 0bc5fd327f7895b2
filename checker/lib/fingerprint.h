/* fingerprint.h - what checks across reports compare, computed from a
 * text while it is alive:
 *
 *  - the kept characters: CJK ideographs and digits.  Punctuation, spaces
 *    and Latin letters are dropped, so full- and half-width forms, line
 *    breaks and Word's spacing do not hide a copy; a name can be masked
 *    (one placeholder character wherever it occurs), so that a report
 *    copied under another unit's name is still the same text;
 *  - k-gram hashes over them and the fingerprints winnowing keeps
 *    (Schleimer, Wilkerson, Aiken, "Winnowing: local algorithms for
 *    document fingerprinting", SIGMOD 2003): in every window of w
 *    consecutive k-grams the smallest hash (the rightmost of equals) is
 *    selected.  Two texts that share a passage of at least w + k - 1 kept
 *    characters share at least one fingerprint; no passage shorter than k
 *    matches; about 2 / (w + 1) of the k-grams are kept;
 *  - bigrams of adjacent CJK characters, hashed to 16 bits, for matching
 *    by the meaning of the words (plan items against measures).
 *
 * Offsets are bytes of the text the characters were read from. */
#ifndef ARC_FINGERPRINT_H
#define ARC_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

/* A private-use code point standing for a masked name. */
#define ARC_KEPT_MASK 0xE000u

typedef struct {
    uint32_t *cp;    /* code point, or ARC_KEPT_MASK */
    uint32_t *start; /* byte offset of the character (of a masked name) */
    uint8_t *flag;   /* ARC_KEPT_JOINED, ARC_KEPT_BIGRAM */
    size_t n;
    size_t cap;      /* the arrays' room: a zeroed arc_kept is empty, and
                        building again reuses it */
    uint32_t *mask_at;  /* kept indices of the masked names, increasing */
    uint32_t *mask_end; /* byte offset just after each name */
    size_t nmask, mask_cap;
    /* Noted while reading, for the passes after it that look for rare
     * characters: the indices of the digits, and of each 年 whose kept
     * character before is a digit (a year's "2025年"), increasing. */
    uint32_t *digit, *nian;
    size_t ndigit, nnian, digit_cap, nian_cap;
} arc_kept;

/* flag: no byte between the character and the kept one before it (so
 * "2025年" is one run, "2025 年" two); and, for a bigram, both are
 * ideographs (not digits, not a name).  Read once when building, so that
 * the passes after it test one byte. */
#define ARC_KEPT_JOINED 1u
#define ARC_KEPT_BIGRAM 2u

/* Is cp a kept character (a CJK ideograph, 〇, or an ASCII digit)? */
static inline int arc_kept_char(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= '0' && cp <= '9') ||
           cp == 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/*
 * Reads the kept characters of text[from, to) (valid UTF-8) into *k
 * (zeroed, or built before: its arrays are reused).  Each occurrence of
 * one of the nmask names (compared on their kept characters; tried in the
 * order given, so pass longer names first) becomes one ARC_KEPT_MASK.
 * Returns 0 or ARC_ENOMEM.
 */
int arc_kept_build(arc_kept *k, const char *text, size_t from, size_t to,
                   const char *const *mask, size_t nmask);
void arc_kept_free(arc_kept *k);

/* The byte offset just after kept character i (of its name, masked). */
size_t arc_kept_end(const arc_kept *k, size_t i);

/* The hash of kept[at, at + n) (n > 0, within k): the same function as
 * the k-gram hashes, so arc_kept_hash(k, i, K) == arc_kgram_hashes' [i]. */
uint32_t arc_kept_hash(const arc_kept *k, size_t at, size_t n);

/* The hashes of all k-grams of *kp into *buf (room *cap, grown as
 * needed): (*buf)[i] covers kept[i, i + k); *n = kp->n - k + 1, or 0 for
 * a shorter text.  Returns 0 or ARC_ENOMEM. */
int arc_kgram_hashes(const arc_kept *kp, unsigned k, uint32_t **buf,
                     size_t *cap, size_t *n);

/* Winnowing over h[0, n) with window w (>= 1): the indices of the
 * selected k-grams, increasing, each once, into *buf (room *cap, grown as
 * needed); a sequence shorter than w is one window.  Returns 0 or
 * ARC_ENOMEM. */
int arc_winnow(const uint32_t *h, size_t n, unsigned w, uint32_t **buf,
               size_t *cap, size_t *nout);

/* The 16-bit hash of the bigram ab. */
uint16_t arc_bigram_hash(uint32_t a, uint32_t b);

/* A set of 16-bit values as a bitmap: 8 KiB. */
#define ARC_BITS16_WORDS (0x10000 / 64)

static inline int arc_bits16_has(const uint64_t *bits, uint16_t v)
{
    return (int)(bits[v >> 6] >> (v & 63) & 1);
}

/*
 * Appends to v (length *n, capacity *cap) the distinct bigram hashes of
 * kept[from, to), in the order first seen: pairs of CJK characters
 * adjacent in the text (not across punctuation, digits or a masked name:
 * ARC_KEPT_BIGRAM), except those in `stop` (may be NULL).  `seen` is an all-zero bitmap of
 * ARC_BITS16_WORDS words, all zero again on return.  Returns 0 or
 * ARC_ENOMEM.
 */
int arc_bigrams(const arc_kept *k, size_t from, size_t to,
                const uint64_t *stop, uint64_t *seen, uint16_t **v,
                size_t *n, size_t *cap);

#endif

/* text.h - UTF-8 handling and the normalised text with its map back to the
 * original bytes, lines and columns. */
#ifndef ARC_TEXT_H
#define ARC_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one UTF-8 sequence at s (n bytes available).  Returns its length
 * and stores the code point, or returns 0 for an invalid sequence
 * (overlong forms, surrogates and values above U+10FFFF are invalid).
 */
size_t arc_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp into out (4 bytes room); returns the length. */
size_t arc_utf8_encode(uint32_t cp, char *out);

/* Returns the offset of the first invalid byte, or n when all is valid. */
size_t arc_utf8_validate(const char *s, size_t n);

/* The code point that ends just before s[i] (0 at the start). */
uint32_t arc_utf8_before(const char *s, size_t i);

/* Number of characters in s[0..n) (s valid UTF-8). */
size_t arc_utf8_count(const char *s, size_t n);

/* Byte length of the longest prefix of s[0..n) holding at most `chars`
 * characters. */
size_t arc_utf8_prefix(const char *s, size_t n, size_t chars);

/* From normalised offset `norm` on (up to the next break), original offset
 * = orig + (offset - norm).  Only folds and line ends change the delta, so
 * a report needs few breaks: no per-byte map. */
typedef struct {
    uint32_t norm;
    uint32_t orig;
} arc_break;

/*
 * The normalised text: original bytes (BOM removed) plus a folded copy for
 * matching.  Folding maps U+FF01..U+FF5E (full-width ASCII: digits, letters,
 * brackets, colons, commas, percent ...) to ASCII, U+3000, no-break and
 * other fixed-width spaces to a space, drops zero-width characters, and
 * folds CRLF / CR to LF.  Offsets map back through arc_text_orig.
 */
typedef struct {
    char *orig;
    size_t orig_len;
    char *norm;
    size_t norm_len;
    arc_break *breaks; /* where the norm -> orig offset delta changes */
    size_t nbreaks;
    size_t *lines; /* original offsets of line starts */
    size_t nlines;
    size_t bom;    /* bytes of BOM skipped before orig */
    uint32_t *chars; /* characters of orig before each ARC_TEXT_BLOCK-byte
                        block: a column is counted from the nearest
                        checkpoint, not from the start of a line that may
                        be the whole file */
} arc_text;

/* Bytes of orig between two character-count checkpoints. */
#define ARC_TEXT_BLOCK 1024

/*
 * Builds t from `data`, validating it as UTF-8 in the same pass.  Returns 0,
 * ARC_ENOMEM, or ARC_EENCODING with the offset of the first invalid byte
 * (counted from the start of data, BOM included) in *bad (may be NULL).
 */
int arc_text_init(arc_text *t, const char *data, size_t len, size_t *bad);
void arc_text_free(arc_text *t);

/* The original byte offset (BOM excluded) of normalised offset `off`
 * (off == norm_len gives orig_len). */
size_t arc_text_orig(const arc_text *t, size_t off);

/* 1-based line and character column of normalised offset `off`. */
void arc_text_position(const arc_text *t, size_t off, int *line, int *col,
                       size_t *orig_off);

/* As arc_text_position, adding the bytes it counted to *work (may be NULL):
 * at most 2 * ARC_TEXT_BLOCK, however long the line. */
void arc_text_locate(const arc_text *t, size_t off, int *line, int *col,
                     size_t *orig_off, size_t *work);

/* 1-based line and column of original offset `orig_off`. */
void arc_text_orig_position(const arc_text *t, size_t orig_off, int *line,
                            int *col);



/* The value of a Chinese digit (〇 零 ○ = 0, 一 … 九, 两 = 2), or -1: the one
 * table of Chinese digits. */
int arc_cn_digit(uint32_t cp);

/*
 * Reads a Chinese numeral of the kind used in headings and counts (一 … 九十九,
 * 两, 〇/零 as 0) at s[0..n).  Returns the bytes consumed (0 if none) and
 * stores the value.  Longer forms (百, 千, 万) belong to extract_num.
 */
size_t arc_cn_small_number(const char *s, size_t n, int *value);

/* Writes value (1..99) as a Chinese numeral (十二, 二十) into out (16 bytes);
 * returns out. */
char *arc_cn_small_render(int value, char *out);

#endif

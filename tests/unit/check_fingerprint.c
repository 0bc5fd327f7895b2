/* check_fingerprint.c - what checks across reports compare
 * (fingerprint.c): the kept characters (punctuation, spaces and Latin
 * dropped, names masked, byte offsets), k-gram hashes, winnowing (the
 * guarantee that a shared passage of window + k - 1 characters shares a
 * fingerprint, the density, determinism) and the bigram sets. */
#include "testutil.h"
#include "fingerprint.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Builds the kept characters of the whole string s. */
static void kept_of(arc_kept *k, const char *s, const char *const *mask,
                    size_t nmask)
{
    ck_assert_int_eq(arc_kept_build(k, s, 0, strlen(s), mask, nmask), 0);
}

/* Appends the UTF-8 form of cp to b (room assumed). */
static size_t put_utf8(char *b, uint32_t cp)
{
    if (cp < 0x80) {
        b[0] = (char)cp;
        return 1;
    }
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* A pseudo-random text of n ideographs drawn from `alphabet` of them. */
static char *random_text(unsigned *seed, size_t n, unsigned alphabet)
{
    char *s = malloc(n * 3 + 1), *p = s;
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < n; i++) {
        *seed = *seed * 1103515245u + 12345u;
        p += put_utf8(p, 0x4E00 + (*seed >> 16) % alphabet);
    }
    *p = '\0';
    return s;
}

/* The selected fingerprint values of text s (sorted). */
static uint32_t *fingerprints(const char *s, unsigned k, unsigned w,
                              size_t *n)
{
    arc_kept kp = {0};
    kept_of(&kp, s, NULL, 0);
    uint32_t *h = NULL, *sel = NULL;
    size_t hcap = 0, scap = 0, nh = 0;
    ck_assert_int_eq(arc_kgram_hashes(&kp, k, &h, &hcap, &nh), 0);
    ck_assert_int_eq(arc_winnow(h, nh, w, &sel, &scap, n), 0);
    for (size_t i = 0; i < *n; i++)
        sel[i] = h[sel[i]];
    free(h);
    arc_kept_free(&kp);
    return sel;
}

static int shares(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (a[i] == b[j])
                return 1;
    return 0;
}

/* ------------------------------------------------------- kept chars */

START_TEST(kept_drops_punctuation_and_latin)
{
    arc_kept k = {0};
    const char *s = "全年 办理，复议(ABC)案件12件。";
    kept_of(&k, s, NULL, 0);
    /* 全年办理复议案件12件 */
    ck_assert_uint_eq(k.n, 11);
    ck_assert_uint_eq(k.cp[0], 0x5168); /* 全 */
    ck_assert_uint_eq(k.cp[8], '1');
    ck_assert_uint_eq(k.cp[9], '2');
    /* Offsets are bytes of the text: 办 comes after "全年 ". */
    ck_assert_uint_eq(k.start[2], 7);
    ck_assert_uint_eq(arc_kept_end(&k, 2), 10);
    arc_kept_free(&k);
}
END_TEST

START_TEST(kept_same_for_fullwidth_and_halfwidth_punctuation)
{
    arc_kept a = {0}, b = {0};
    kept_of(&a, "依法行政，执法规范。", NULL, 0);
    kept_of(&b, "依法行政, 执法\n规范.", NULL, 0);
    ck_assert_uint_eq(a.n, b.n);
    ck_assert_uint_eq(arc_kept_hash(&a, 0, a.n), arc_kept_hash(&b, 0, b.n));
    arc_kept_free(&a);
    arc_kept_free(&b);
}
END_TEST

START_TEST(kept_masks_names)
{
    const char *names[] = {"青禾区"};
    arc_kept k = {0};
    kept_of(&k, "青禾区政府和青禾区法院", names, 1);
    /* mask 政府和 mask 法院 */
    ck_assert_uint_eq(k.n, 7);
    ck_assert_uint_eq(k.cp[0], ARC_KEPT_MASK);
    ck_assert_uint_eq(k.cp[4], ARC_KEPT_MASK);
    ck_assert_uint_eq(k.start[0], 0);
    ck_assert_uint_eq(arc_kept_end(&k, 0), 9); /* the whole name */
    /* Two units' names masked: the same kept text. */
    const char *other[] = {"云溪县"};
    arc_kept o = {0};
    kept_of(&o, "云溪县政府和云溪县法院", other, 1);
    ck_assert_uint_eq(arc_kept_hash(&k, 0, k.n), arc_kept_hash(&o, 0, o.n));
    arc_kept_free(&k);
    arc_kept_free(&o);
}
END_TEST

/* The digits and each 年 right after a digit are noted while reading. */
START_TEST(kept_notes_digits_and_years)
{
    arc_kept k = {0};
    kept_of(&k, "于2025年完成12项，年度2024 年", NULL, 0);
    static const uint32_t digits[] = {1, 2, 3, 4, 8, 9, 13, 14, 15, 16};
    ck_assert_uint_eq(k.n, 18);
    ck_assert_uint_eq(k.ndigit, 10);
    for (size_t i = 0; i < k.ndigit; i++)
        ck_assert_uint_eq(k.digit[i], digits[i]);
    ck_assert_uint_eq(k.nnian, 2);
    ck_assert_uint_eq(k.nian[0], 5);
    ck_assert_uint_eq(k.nian[1], 17);
    /* Built again: the lists start over. */
    kept_of(&k, "年年有余", NULL, 0);
    ck_assert_uint_eq(k.ndigit, 0);
    ck_assert_uint_eq(k.nnian, 0);
    arc_kept_free(&k);
}
END_TEST

START_TEST(kept_reuses_arrays_and_range)
{
    arc_kept k = {0};
    const char *s = "一二三四五六";
    ck_assert_int_eq(arc_kept_build(&k, s, 3, 9, NULL, 0), 0);
    ck_assert_uint_eq(k.n, 2); /* 二三 */
    ck_assert_uint_eq(k.start[0], 3);
    ck_assert_int_eq(arc_kept_build(&k, s, 0, strlen(s), NULL, 0), 0);
    ck_assert_uint_eq(k.n, 6);
    arc_kept_free(&k);
    arc_kept_free(&k); /* freed twice: a no-op */
}
END_TEST

/* ---------------------------------------------------------- hashing */

START_TEST(kgram_hashes_match_kept_hash)
{
    unsigned seed = 7;
    char *s = random_text(&seed, 200, 300);
    arc_kept kp = {0};
    kept_of(&kp, s, NULL, 0);
    uint32_t *h = NULL;
    size_t cap = 0, n = 0;
    ck_assert_int_eq(arc_kgram_hashes(&kp, 15, &h, &cap, &n), 0);
    ck_assert_uint_eq(n, 186);
    for (size_t i = 0; i < n; i++)
        ck_assert_uint_eq(h[i], arc_kept_hash(&kp, i, 15));
    /* Shorter than k: none. */
    ck_assert_int_eq(arc_kgram_hashes(&kp, 201, &h, &cap, &n), 0);
    ck_assert_uint_eq(n, 0);
    free(h);
    arc_kept_free(&kp);
    free(s);
}
END_TEST

/* ------------------------------------------------------- winnowing */

START_TEST(winnow_selects_minimum_of_every_window)
{
    uint32_t h[] = {77, 74, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 77, 74,
                    42, 17, 98};
    size_t n = ARC_ARRAY_LEN(h), cap = 0, ns = 0;
    uint32_t *sel = NULL;
    unsigned w = 4;
    ck_assert_int_eq(arc_winnow(h, n, w, &sel, &cap, &ns), 0);
    /* The paper's example (w = 4): 17 17 8 39 17, the rightmost of equal
     * minima; indices increasing, each once. */
    uint32_t want[] = {17, 17, 8, 39, 17};
    ck_assert_uint_eq(ns, ARC_ARRAY_LEN(want));
    for (size_t i = 0; i < ns; i++) {
        ck_assert_uint_eq(h[sel[i]], want[i]);
        if (i)
            ck_assert_uint_lt(sel[i - 1], sel[i]);
    }
    /* Every window holds a selected index, which is its minimum. */
    for (size_t s = 0; s + w <= n; s++) {
        uint32_t min = UINT32_MAX;
        for (size_t j = s; j < s + w; j++)
            min = h[j] < min ? h[j] : min;
        int found = 0;
        for (size_t i = 0; i < ns; i++)
            found |= sel[i] >= s && sel[i] < s + w && h[sel[i]] == min;
        ck_assert_msg(found, "window %zu has no selected minimum", s);
    }
    free(sel);
}
END_TEST

START_TEST(winnow_short_sequence_is_one_window)
{
    uint32_t h[] = {5, 3, 9};
    uint32_t *sel = NULL;
    size_t cap = 0, ns = 0;
    ck_assert_int_eq(arc_winnow(h, 3, 10, &sel, &cap, &ns), 0);
    ck_assert_uint_eq(ns, 1);
    ck_assert_uint_eq(sel[0], 1);
    ck_assert_int_eq(arc_winnow(h, 0, 10, &sel, &cap, &ns), 0);
    ck_assert_uint_eq(ns, 0);
    free(sel);
}
END_TEST

/* The guarantee: a passage of window + k - 1 characters shared by two
 * otherwise unrelated texts gives a shared fingerprint; a passage of
 * k - 1 never does; about 2 / (w + 1) of the k-grams are kept. */
START_TEST(winnow_guarantee_on_random_texts)
{
    const unsigned k = 15, w = 32;
    unsigned seed = 12345;
    size_t selected = 0, grams = 0;
    for (int round = 0; round < 40; round++) {
        char *shared = random_text(&seed, w + k - 1, 3000);
        char *a1 = random_text(&seed, 150, 3000);
        char *a2 = random_text(&seed, 150, 3000);
        char *b1 = random_text(&seed, 90, 3000);
        char *b2 = random_text(&seed, 90, 3000);
        size_t la = strlen(a1) + strlen(shared) + strlen(a2) + 8;
        size_t lb = strlen(b1) + strlen(shared) + strlen(b2) + 8;
        char *a = malloc(la), *b = malloc(lb);
        snprintf(a, la, "%s，%s。%s", a1, shared, a2);
        snprintf(b, lb, "%s%s%s", b1, shared, b2);
        size_t na, nb;
        uint32_t *fa = fingerprints(a, k, w, &na);
        uint32_t *fb = fingerprints(b, k, w, &nb);
        ck_assert_msg(shares(fa, na, fb, nb), "round %d: no shared print",
                      round);
        selected += na;
        grams += 150 + w + k - 1 + 150 - k + 1;
        free(fa);
        free(fb);
        /* k - 1 shared characters: no k-gram in common. */
        char *s2 = random_text(&seed, k - 1, 3000);
        snprintf(a, la, "%s%s%s", a1, s2, a2);
        snprintf(b, lb, "%s%s%s", b1, s2, b2);
        fa = fingerprints(a, k, w, &na);
        fb = fingerprints(b, k, w, &nb);
        ck_assert_msg(!shares(fa, na, fb, nb), "round %d: short passage",
                      round);
        free(fa);
        free(fb);
        free(s2);
        free(a);
        free(b);
        free(shared);
        free(a1);
        free(a2);
        free(b1);
        free(b2);
    }
    double density = (double)selected / (double)grams;
    ck_assert_msg(density > 1.5 / (w + 1) && density < 2.5 / (w + 1),
                  "density %.4f", density);
}
END_TEST

/* ---------------------------------------------------------- bigrams */

START_TEST(bigrams_distinct_not_across_punctuation)
{
    arc_kept k = {0};
    kept_of(&k, "复议案件，复议案件12件", NULL, 0);
    uint64_t *seen = calloc(ARC_BITS16_WORDS, sizeof *seen);
    uint16_t *v = NULL;
    size_t n = 0, cap = 0;
    ck_assert_int_eq(arc_bigrams(&k, 0, k.n, NULL, seen, &v, &n, &cap), 0);
    /* 复议 议案 案件, then 件复 across the comma is no bigram, the second
     * 复议案件 repeats, 件 next to a digit is none. */
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(v[0], arc_bigram_hash(0x590D, 0x8BAE));
    for (size_t i = 0; i < ARC_BITS16_WORDS; i++)
        ck_assert_uint_eq(seen[i], 0);
    /* A stop word's bigram is left out. */
    uint64_t *stop = calloc(ARC_BITS16_WORDS, sizeof *stop);
    uint16_t g = arc_bigram_hash(0x8BAE, 0x6848); /* 议案 */
    stop[g >> 6] |= 1ull << (g & 63);
    n = 0;
    ck_assert_int_eq(arc_bigrams(&k, 0, k.n, stop, seen, &v, &n, &cap), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert(arc_bits16_has(stop, g));
    free(stop);
    free(seen);
    free(v);
    arc_kept_free(&k);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("fingerprint");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, kept_drops_punctuation_and_latin);
    tcase_add_test(tc, kept_same_for_fullwidth_and_halfwidth_punctuation);
    tcase_add_test(tc, kept_masks_names);
    tcase_add_test(tc, kept_reuses_arrays_and_range);
    tcase_add_test(tc, kept_notes_digits_and_years);
    tcase_add_test(tc, kgram_hashes_match_kept_hash);
    tcase_add_test(tc, winnow_selects_minimum_of_every_window);
    tcase_add_test(tc, winnow_short_sequence_is_one_window);
    tcase_add_test(tc, winnow_guarantee_on_random_texts);
    tcase_add_test(tc, bigrams_distinct_not_across_punctuation);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

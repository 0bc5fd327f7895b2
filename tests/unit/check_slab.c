/* check_slab.c - pieces carved from slabs (slab.c): aligned, apart, kept
 * alive by each reference until the last is released, on any thread, and
 * large pieces given blocks of their own. */
#include "testutil.h"
#include "slab.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PIECES 3000

START_TEST(pieces_aligned_apart_and_kept)
{
    arc_slab_pool pool = {0};
    static char *p[PIECES];
    static arc_slab *own[PIECES];
    static size_t len[PIECES];
    unsigned seed = 7;
    for (size_t i = 0; i < PIECES; i++) {
        seed = seed * 1103515245u + 12345u;
        len[i] = 1 + (seed >> 16) % 5000; /* 3000 of them fill several slabs */
        p[i] = arc_slab_alloc(&pool, len[i], &own[i]);
        ck_assert_ptr_nonnull(p[i]);
        ck_assert_ptr_nonnull(own[i]);
        ck_assert_uint_eq((uintptr_t)p[i] % 16, 0);
        memset(p[i], (int)(i & 0xFF), len[i]);
    }
    /* The pool lets go of its slab: the pieces stay. */
    arc_slab_pool_done(&pool);
    ck_assert_ptr_null(pool.cur);
    /* Every second piece released, then the others checked intact. */
    for (size_t i = 0; i < PIECES; i += 2)
        arc_slab_release(own[i]);
    static char want[5000];
    for (size_t i = 1; i < PIECES; i += 2) {
        memset(want, (int)(i & 0xFF), len[i]);
        ck_assert_int_eq(memcmp(p[i], want, len[i]), 0);
    }
    for (size_t i = 1; i < PIECES; i += 2)
        arc_slab_release(own[i]);
    arc_slab_release(NULL);
}
END_TEST

START_TEST(large_piece_has_its_own_block)
{
    arc_slab_pool pool = {0};
    arc_slab *small, *big, *after;
    char *a = arc_slab_alloc(&pool, 100, &small);
    char *b = arc_slab_alloc(&pool, ARC_SLAB_BYTES, &big);
    char *c = arc_slab_alloc(&pool, 100, &after);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_ne(big, small);
    memset(b, 1, ARC_SLAB_BYTES);
#ifndef __SANITIZE_ADDRESS__
    /* The small pieces share one slab: the big one did not replace it. */
    ck_assert_ptr_eq(after, small);
    ck_assert_ptr_eq(c, a + 112);
#endif
    arc_slab_release(big);
    arc_slab_release(small);
    arc_slab_release(after);
    arc_slab_pool_done(&pool);
}
END_TEST

/* Pieces made by one thread, released by another while it goes on. */
typedef struct {
    arc_slab **own;
    size_t n;
} job;

static void *release_all(void *arg)
{
    job *j = arg;
    for (size_t i = 0; i < j->n; i++)
        arc_slab_release(j->own[i]);
    return NULL;
}

START_TEST(released_on_other_threads)
{
    enum { N = 20000 };
    arc_slab_pool pool = {0};
    arc_slab **own = malloc(N * sizeof *own);
    ck_assert_ptr_nonnull(own);
    for (size_t i = 0; i < N / 2; i++)
        ck_assert_ptr_nonnull(arc_slab_alloc(&pool, 200, &own[i]));
    job j = {own, N / 2};
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, release_all, &j), 0);
    for (size_t i = N / 2; i < N; i++)
        ck_assert_ptr_nonnull(arc_slab_alloc(&pool, 200, &own[i]));
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    arc_slab_pool_done(&pool);
    for (size_t i = N / 2; i < N; i++)
        arc_slab_release(own[i]);
    free(own);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("slab");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, pieces_aligned_apart_and_kept);
    tcase_add_test(tc, large_piece_has_its_own_block);
    tcase_add_test(tc, released_on_other_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}

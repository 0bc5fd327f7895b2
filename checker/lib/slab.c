/* slab.c - reference-counted slabs for memory that outlives documents (see
 * slab.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "slab.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define SLAB_SEPARATE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLAB_SEPARATE 1
#endif
#endif
#ifndef SLAB_SEPARATE
#define SLAB_SEPARATE 0
#endif

struct arc_slab {
    atomic_size_t refs;
    size_t used, cap; /* bytes of data carved, and room for them */
    int mapped;       /* an aligned mapping of ARC_SLAB_BYTES; else malloc */
};

/* The data follow the header, 16-byte aligned. */
#define HEADER ((sizeof(arc_slab) + 15) & ~(size_t)15)

static char *data_of(arc_slab *s)
{
    return (char *)s + HEADER;
}

/* A slab of ARC_SLAB_BYTES on a huge-page boundary, so that the whole of
 * it can be one huge page; NULL if the system will not map it. */
static arc_slab *map_slab(void)
{
    size_t len = 2 * ARC_SLAB_BYTES;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uintptr_t a = ((uintptr_t)p + ARC_SLAB_BYTES - 1) &
                  ~(uintptr_t)(ARC_SLAB_BYTES - 1);
    char *s = (char *)a;
    if (s > p)
        munmap(p, (size_t)(s - p));
    if (s + ARC_SLAB_BYTES < p + len)
        munmap(s + ARC_SLAB_BYTES, (size_t)(p + len - (s + ARC_SLAB_BYTES)));
#ifdef MADV_HUGEPAGE
    /* Advice only: without huge pages the slab is ordinary memory. */
    madvise(s, ARC_SLAB_BYTES, MADV_HUGEPAGE);
#endif
    arc_slab *sl = (arc_slab *)s;
    sl->mapped = 1;
    sl->cap = ARC_SLAB_BYTES - HEADER;
    return sl;
}

/* A slab for `size` bytes: mapped when it is a shared one, else (or when
 * mapping fails) malloc'd to size. */
static arc_slab *new_slab(size_t size, int shared)
{
    arc_slab *s = shared && !SLAB_SEPARATE ? map_slab() : NULL;
    if (!s) {
        if (shared && !SLAB_SEPARATE)
            size = ARC_SLAB_BYTES - HEADER;
        if (size > SIZE_MAX - HEADER || !(s = malloc(HEADER + size)))
            return NULL;
        s->mapped = 0;
        s->cap = size;
    }
    atomic_init(&s->refs, 0);
    s->used = 0;
    return s;
}

static void *carve(arc_slab *s, size_t size, arc_slab **owner)
{
    void *p = data_of(s) + s->used;
    s->used += (size + 15) & ~(size_t)15;
    atomic_fetch_add(&s->refs, 1);
    *owner = s;
    return p;
}

void *arc_slab_alloc(arc_slab_pool *pool, size_t size, arc_slab **owner)
{
    *owner = NULL;
    if (size > SIZE_MAX - 16)
        return NULL;
    size_t need = (size + 15) & ~(size_t)15;
    if (SLAB_SEPARATE || need > ARC_SLAB_BYTES / 4) {
        arc_slab *s = new_slab(need, 0);
        return s ? carve(s, size, owner) : NULL;
    }
    arc_slab *s = pool->cur;
    if (!s || s->cap - s->used < need) {
        arc_slab *n = new_slab(need, 1);
        if (!n)
            return NULL;
        atomic_init(&n->refs, 1); /* the pool's */
        arc_slab_release(pool->cur);
        pool->cur = s = n;
    }
    return carve(s, size, owner);
}

void arc_slab_release(arc_slab *s)
{
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
        return;
    if (s->mapped)
        munmap(s, ARC_SLAB_BYTES);
    else
        free(s);
}

void arc_slab_pool_done(arc_slab_pool *pool)
{
    arc_slab_release(pool->cur);
    pool->cur = NULL;
}

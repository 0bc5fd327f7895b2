/* slab.h - memory that outlives the documents: what every report keeps for
 * the corpus pass (its digest, result.h) until the batch ends, about 10 KB
 * a report, made on every checking thread and freed one by one.
 *
 * Carved from slabs of ARC_SLAB_BYTES, asked for as transparent huge pages
 * where the system grants them (madvise): 10,000 digests then cost about
 * fifty page faults instead of thirty thousand, and the buffers of each
 * document, which malloc reuses from report to report, are not
 * interleaved with memory that stays (which made them land on fresh pages
 * again and again).  A slab counts its users (atomically: digests are
 * freed on any thread) and goes back to the system when the last leaves.
 * Under AddressSanitizer each piece is a malloc of its own, so that the
 * sanitizer still sees every bound. */
#ifndef ARC_SLAB_H
#define ARC_SLAB_H

#include <stddef.h>

#define ARC_SLAB_BYTES ((size_t)2 << 20)

typedef struct arc_slab arc_slab;

/* A thread's current slab.  Zeroed is empty; never shared by threads. */
typedef struct {
    arc_slab *cur;
} arc_slab_pool;

/*
 * Returns size bytes (16-byte aligned, not zeroed) carved from pool's
 * current slab, or from a new one when it is full (a piece larger than a
 * quarter of a slab gets a block of its own).  *owner gets the slab that
 * holds them, with one reference taken for the caller: arc_slab_release
 * it when the memory is no longer used.  NULL (and *owner NULL) on ENOMEM.
 */
void *arc_slab_alloc(arc_slab_pool *pool, size_t size, arc_slab **owner);

/* Drops one reference to s; the last one returns the slab to the system.
 * NULL is a no-op.  Safe from any thread. */
void arc_slab_release(arc_slab *s);

/* Drops the pool's own reference to its current slab and empties it (the
 * slab lives on while pieces of it are in use). */
void arc_slab_pool_done(arc_slab_pool *pool);

#endif

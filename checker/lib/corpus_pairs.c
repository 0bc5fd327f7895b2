/* corpus_pairs.c - the passages the reports of a batch share, found from
 * their fingerprints (digest.c) without comparing texts pair by pair:
 *
 *  1. every fingerprint of every comparable report goes into one array,
 *     sorted by hash (radix sort, stable: the reports read in the order
 *     of (year, unit, report), so that within a hash they stay in it);
 *  2. a hash found in one report only is dropped; one found in too many
 *     (at least corpus.boilerplate.share of the reports and at least
 *     min_reports of them) is boilerplate and dropped;
 *  3. for each report a, in batch order, the reports b after it that hold
 *     one of its remaining hashes and that it is compared with (another
 *     unit in the same year, or the same unit a year apart) give matches
 *     (fingerprint in a, fingerprint in b);
 *  4. a pair's matches on one diagonal (the same offset between the two
 *     texts), close to each other, are one passage.
 *
 * The work is the sum over hashes of (reports holding it)^2, which the
 * boilerplate cut bounds; memory is one array entry per fingerprint of a
 * pass of hash ranges (a quarter) per thread while sorting, then the
 * passages.  Steps 1-2 take a run of passes per thread, steps 3-4 a run
 * of reports a per thread (cx->jobs, at most MAX_JOBS); each thread's part
 * is joined in the order one thread would have made it (passes by hash,
 * pairs by report a), so the same batch gives the same pairs whatever
 * -j. */
#define _POSIX_C_SOURCE 200809L
#include "corpus.h"

#include "util.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int arc_corpus_comparable(const arc_result *r)
{
    const arc_digest *d = &r->digest;
    return r->status == ARC_RESULT_CHECKED && (d->have & ARC_DIGEST_TEXT) &&
           d->nfp > 0 && d->unit && d->unit[0] && r->card.report_year > 0 &&
           strcmp(r->card.doc_type, "annual-report") == 0;
}

typedef struct {
    size_t *res;      /* result index of each comparable report */
    uint32_t *unit;   /* its unit, as a number */
    int *year;
    int *ref;
    uint32_t *base;   /* its first global fingerprint index; [ne] = total */
    size_t ne;
    struct scan {     /* by (year, unit, report): what the index scans
                         read of each report */
        const uint32_t *hash; /* the fingerprints' hashes */
        uint32_t base, n;
    } *scan;
    uint32_t *own_at; /* the report holding global index g << OWN_SHIFT */
} batch;

/* Global fingerprint indices per entry of own_at: fewer than a report
 * usually has, so that owner() steps at most once or twice. */
#define OWN_SHIFT 6

static void batch_free(batch *b)
{
    free(b->res);
    free(b->unit);
    free(b->year);
    free(b->ref);
    free(b->base);
    free(b->scan);
    free(b->own_at);
}

typedef struct {
    const char *unit;
    size_t e;
} unit_of;

static int cmp_unit(const void *x, const void *y)
{
    const unit_of *a = x, *b = y;
    int c = strcmp(a->unit, b->unit);
    return c ? c : (a->e > b->e) - (a->e < b->e);
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static int batch_make(batch *b, const arc_corpus_ctx *cx)
{
    memset(b, 0, sizeof *b);
    size_t n = cx->n ? cx->n : 1;
    b->res = malloc(n * sizeof *b->res);
    b->unit = malloc(n * sizeof *b->unit);
    b->year = malloc(n * sizeof *b->year);
    b->ref = malloc(n * sizeof *b->ref);
    b->base = malloc((n + 1) * sizeof *b->base);
    unit_of *byunit = malloc(n * sizeof *byunit);
    if (!b->res || !b->unit || !b->year || !b->ref || !b->base || !byunit) {
        free(byunit);
        return ARC_ENOMEM;
    }
    uint64_t total = 0;
    for (size_t i = 0; i < cx->n; i++) {
        const arc_result *r = cx->results[i];
        /* Reports and units are numbered in 24 bits (sort keys). */
        if (!arc_corpus_comparable(r) || total + r->digest.nfp > UINT32_MAX ||
            b->ne >= (1u << 24) - 1)
            continue;
        b->res[b->ne] = i;
        b->year[b->ne] = r->card.report_year;
        b->ref[b->ne] = r->reference;
        b->base[b->ne] = (uint32_t)total;
        total += r->digest.nfp;
        b->ne++;
    }
    b->base[b->ne] = (uint32_t)total;
    /* Units as numbers: equal names, equal numbers. */
    for (size_t e = 0; e < b->ne; e++)
        byunit[e] = (unit_of){cx->results[b->res[e]]->digest.unit, e};
    qsort(byunit, b->ne, sizeof *byunit, cmp_unit);
    uint32_t id = 0;
    for (size_t k = 0; k < b->ne; k++) {
        if (k && strcmp(byunit[k].unit, byunit[k - 1].unit) != 0)
            id++;
        b->unit[byunit[k].e] = id;
    }
    free(byunit);
    /* The order of the postings of a hash: (year, unit, report). */
    uint64_t *key = malloc(n * sizeof *key);
    b->scan = malloc(n * sizeof *b->scan);
    b->own_at = malloc(((size_t)(total >> OWN_SHIFT) + 1) * sizeof *b->own_at);
    if (!key || !b->scan || !b->own_at) {
        free(key);
        return ARC_ENOMEM;
    }
    for (size_t e = 0; e < b->ne; e++)
        key[e] = (uint64_t)(uint16_t)b->year[e] << 48 |
                 (uint64_t)b->unit[e] << 24 | e;
    qsort(key, b->ne, sizeof *key, cmp_u64);
    for (size_t r = 0; r < b->ne; r++) {
        uint32_t e = (uint32_t)(key[r] & 0xFFFFFF);
        const arc_digest *d = &cx->results[b->res[e]]->digest;
        b->scan[r] = (struct scan){d->fph, b->base[e], (uint32_t)d->nfp};
    }
    free(key);
    size_t e = 0;
    for (uint64_t blk = 0; blk <= total >> OWN_SHIFT; blk++) {
        while (e + 1 < b->ne && b->base[e + 1] <= blk << OWN_SHIFT)
            e++;
        b->own_at[blk] = (uint32_t)e;
    }
    return 0;
}

/* The comparable report holding global fingerprint g (reports hold at
 * least one: their bases increase). */
static size_t owner(const batch *b, uint32_t g)
{
    size_t e = b->own_at[g >> OWN_SHIFT];
    while (e + 1 < b->ne && b->base[e + 1] <= g)
        e++;
    return e;
}

static int pair_type(const batch *b, size_t x, size_t y)
{
    if (b->ref[x] && b->ref[y])
        return 0;
    int dy = b->year[x] - b->year[y];
    if (b->unit[x] != b->unit[y])
        return dy == 0 ? ARC_PAIR_UNITS : 0;
    return dy == 1 || dy == -1 ? ARC_PAIR_YEARS : 0;
}

/* Stable LSD radix sort of v (n) by bits from..to-1, a byte a pass,
 * through tmp (room for n); the sorted data ends in v. */
static void radix_sort_bits(uint64_t *v, uint64_t *tmp, size_t n, int from,
                            int to)
{
    uint64_t *src = v, *dst = tmp;
    for (int shift = from; shift < to; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i] >> shift) & 0xFF) + 1]++;
        for (int k = 0; k < 256; k++)
            count[k + 1] += count[k];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

/* Stable LSD radix sort of v by the upper 32 bits (the hash). */
static int radix_sort(uint64_t *v, size_t n)
{
    uint64_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp)
        return ARC_ENOMEM;
    radix_sort_bits(v, tmp, n, 32, 64);
    free(tmp);
    return 0;
}

/* A group of fingerprints with one hash, kept for matching. */
typedef struct {
    uint32_t start, end; /* in post[] */
} group;

/* A fingerprint in a group: its report (comparable index) and its index
 * there. */
typedef struct {
    uint32_t e, f;
} posting;

typedef struct {
    posting *post;     /* by group; in a group by (year, unit, report) */
    group *g;
    size_t ng;
    uint64_t *byfp;    /* (global index << 32 | group), sorted */
    size_t nbyfp;
} index_t;

/* Postings in (year, unit, report) order, so that the reports a report
 * is compared with are a few runs of its groups. */
static int cmp_post(const batch *b, const posting *x, int year,
                    uint32_t unit, uint32_t e)
{
    if (b->year[x->e] != year)
        return b->year[x->e] < year ? -1 : 1;
    if (b->unit[x->e] != unit)
        return b->unit[x->e] < unit ? -1 : 1;
    return (x->e > e) - (x->e < e);
}

/* The first posting of g at or after (year, unit, e). */
static uint32_t seek(const batch *b, const posting *v, uint32_t lo,
                     uint32_t hi, int year, uint32_t unit, uint32_t e)
{
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cmp_post(b, &v[mid], year, unit, e) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void index_free(index_t *x)
{
    free(x->post);
    free(x->g);
    free(x->byfp);
}

/* Fingerprints are grouped a hash range at a time: the ranges (runs of
 * the 256 ranges of the hash's top byte) hold about 1/CHUNKS of them
 * each, so that a batch whose reports all repeat a few passages (a whole
 * province using one template) does not put most fingerprints in one
 * range.  A scan of all fingerprints distributes those of PASS_CHUNKS
 * ranges by top byte (the most significant pass of the sort, in global
 * index order: CHUNKS / PASS_CHUNKS scans, an array of a quarter of the
 * fingerprints); each top byte's run is then sorted on the hash's three
 * lower bytes. */
#define CHUNKS 16
#define PASS_CHUNKS 4
/* Threads the corpus pass uses at most (cx->jobs beyond it: this many). */
#define MAX_JOBS 16

/* What index_make shares with the threads grouping the ranges. */
typedef struct {
    const batch *b;
    const size_t *count;  /* fingerprints by top byte */
    const unsigned *first; /* ranges: [first[c], first[c + 1]) */
    unsigned nchunks;
    size_t big, most;     /* largest pass, largest range */
    size_t limit;         /* reports making a hash boilerplate */
} index_plan;

/* One thread's share: passes [p0, p1), grouped into out. */
typedef struct {
    const index_plan *pl;
    unsigned p0, p1;
    index_t out;
    size_t boilerplate;
    int rc;
} index_job;

/* Groups the ranges of passes [j->p0, j->p1) into j->out (groups in hash
 * order, postings from 0). */
static void *index_part(void *arg)
{
    index_job *j = arg;
    const index_plan *pl = j->pl;
    const batch *b = pl->b;
    const size_t *count = pl->count;
    const unsigned *first = pl->first;
    index_t *x = &j->out;
    /* One slot more: where the fingerprints of other passes are written
     * (and overwritten), so that the scan does not branch on them. */
    uint64_t *keys = malloc((pl->big + 1) * sizeof *keys);
    uint64_t *tmp64 = malloc(pl->most * sizeof *tmp64);
    uint32_t *own = NULL;
    size_t pcap = 0, gcap = 0, ocap = 0;
    int rc = keys && tmp64 ? 0 : ARC_ENOMEM;
    for (unsigned ps = j->p0; !rc && ps < j->p1; ps++) {
        unsigned c0 = ps * PASS_CHUNKS;
        unsigned c1 = c0 + PASS_CHUNKS < pl->nchunks ? c0 + PASS_CHUNKS
                                                     : pl->nchunks;
        unsigned lo = first[c0], span = first[c1] - first[c0];
        size_t at[256], sum = 0;
        for (unsigned t = lo; t < first[c1]; t++) {
            at[t] = sum;
            sum += count[t];
        }
        for (unsigned t = 0; t < 256; t++)
            if (t - lo >= span)
                at[t] = pl->big;
        /* In (year, unit, report) order: the postings of a hash come out
         * of the (stable) sort in the order pairs are sought. */
        for (size_t r = 0; r < b->ne; r++) {
            const uint32_t *fh = b->scan[r].hash;
            uint32_t g = b->scan[r].base, nf = b->scan[r].n;
            /* The reports' hashes lie apart: the next one's asked for
             * while this one is read. */
            if (r + 1 < b->ne)
                __builtin_prefetch(b->scan[r + 1].hash);
            for (uint32_t f = 0; f < nf; f++) {
                uint32_t h = fh[f], t = h >> 24;
                keys[at[t]] = (uint64_t)h << 32 | (g + f);
                at[t] += t - lo < span;
            }
        }
        size_t from = 0;
        for (unsigned c = c0; !rc && c < c1; c++) {
            uint64_t *ck = keys + from;
            size_t total = 0;
            /* Each top byte's run on its own: sorted by the whole hash. */
            for (unsigned t = first[c]; t < first[c + 1]; t++) {
                radix_sort_bits(ck + total, tmp64, count[t], 32, 56);
                total += count[t];
            }
            from += total;
            for (size_t i = 0; !rc && i < total;) {
                size_t k = i + 1;
                while (k < total && ck[k] >> 32 == ck[i] >> 32)
                    k++;
                /* A hash of one fingerprint is in one report only. */
                if (k - i < 2) {
                    i = k;
                    continue;
                }
                if (arc_grow((void **)&own, &ocap, k - i, sizeof *own)) {
                    rc = ARC_ENOMEM;
                    break;
                }
                size_t df = 0;
                for (size_t q = i; q < k; q++) {
                    own[q - i] = (uint32_t)owner(b, (uint32_t)ck[q]);
                    df += q == i || own[q - i] != own[q - i - 1];
                }
                if (df >= pl->limit) {
                    j->boilerplate++;
                } else if (df >= 2) {
                    if (arc_grow((void **)&x->post, &pcap, x->nbyfp + (k - i),
                                 sizeof *x->post) ||
                        arc_grow((void **)&x->g, &gcap, x->ng + 1,
                                 sizeof *x->g)) {
                        rc = ARC_ENOMEM;
                        break;
                    }
                    x->g[x->ng] = (group){(uint32_t)x->nbyfp,
                                          (uint32_t)(x->nbyfp + k - i)};
                    for (size_t q = i; q < k; q++) {
                        uint32_t gfi = (uint32_t)ck[q], e = own[q - i];
                        x->post[x->nbyfp++] = (posting){e, gfi - b->base[e]};
                    }
                    x->ng++;
                }
                i = k;
            }
        }
    }
    free(own);
    free(tmp64);
    free(keys);
    j->rc = rc;
    return NULL;
}

/* Runs fn on each of n jobs (of size bytes each, at v): the first on the
 * calling thread, the others on threads of their own (or on the calling
 * thread when one cannot be started).  Which thread ran a job changes
 * nothing in its result. */
static void run_jobs(void *(*fn)(void *), void *v, size_t size, unsigned n)
{
    pthread_t tid[MAX_JOBS];
    int started[MAX_JOBS] = {0};
    for (unsigned t = 1; t < n; t++)
        started[t] =
            pthread_create(&tid[t], NULL, fn, (char *)v + t * size) == 0;
    fn(v);
    for (unsigned t = 1; t < n; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            fn((char *)v + t * size);
    }
}

static int index_make(index_t *x, const batch *b, const arc_corpus_ctx *cx,
                      size_t *boilerplate)
{
    memset(x, 0, sizeof *x);
    size_t count[256] = {0}, all = 0;
    for (size_t r = 0; r < b->ne; r++) {
        const uint32_t *fh = b->scan[r].hash;
        if (r + 1 < b->ne)
            __builtin_prefetch(b->scan[r + 1].hash);
        for (uint32_t f = 0; f < b->scan[r].n; f++)
            count[fh[f] >> 24]++;
        all += b->scan[r].n;
    }
    /* Ranges [first[c], first[c + 1]) of top bytes, and the largest. */
    unsigned first[257], nchunks = 0;
    size_t most = 1, aim = all / CHUNKS + 1;
    for (unsigned t = 0; t < 256;) {
        size_t sum = 0;
        first[nchunks] = t;
        do
            sum += count[t++];
        while (t < 256 && sum + count[t] <= aim);
        if (sum > most)
            most = sum;
        nchunks++;
    }
    first[nchunks] = 256;
    /* The fingerprints of PASS_CHUNKS ranges at a time, in the order of
     * their top byte, by global index within one (the scan is in that
     * order): one scan of all fingerprints per pass. */
    size_t big = 1;
    unsigned npasses = 0;
    for (unsigned c = 0; c < nchunks; c += PASS_CHUNKS, npasses++) {
        unsigned c1 = c + PASS_CHUNKS < nchunks ? c + PASS_CHUNKS : nchunks;
        size_t sum = 0;
        for (unsigned t = first[c]; t < first[c1]; t++)
            sum += count[t];
        if (sum > big)
            big = sum;
    }
    const arc_corpus_params *p = &cx->rs->corpus;
    double share = ceil(p->share * (double)b->ne);
    size_t limit = share > (double)p->min_reports ? (size_t)share
                                                  : p->min_reports;
    index_plan pl = {b, count, first, nchunks, big, most, limit};
    /* Passes split in runs, one a thread, joined in pass order. */
    unsigned nj = cx->jobs < 1 ? 1 : cx->jobs > MAX_JOBS ? MAX_JOBS : cx->jobs;
    if (nj > npasses)
        nj = npasses ? npasses : 1;
    index_job job[MAX_JOBS];
    memset(job, 0, sizeof job);
    for (unsigned t = 0; t < nj; t++)
        job[t] = (index_job){&pl, t * npasses / nj, (t + 1) * npasses / nj,
                             {0}, 0, 0};
    run_jobs(index_part, job, sizeof *job, nj);
    int rc = 0;
    size_t ng = 0, npost = 0;
    for (unsigned t = 0; t < nj; t++) {
        rc |= job[t].rc;
        ng += job[t].out.ng;
        npost += job[t].out.nbyfp;
        *boilerplate += job[t].boilerplate;
    }
    if (!rc) {
        *x = job[0].out;
        job[0].out = (index_t){0};
        size_t pcap = x->nbyfp, gcap = x->ng;
        if (nj > 1 &&
            (arc_grow((void **)&x->post, &pcap, npost ? npost : 1,
                      sizeof *x->post) ||
             arc_grow((void **)&x->g, &gcap, ng ? ng : 1, sizeof *x->g)))
            rc = ARC_ENOMEM;
        for (unsigned t = 1; !rc && t < nj; t++) {
            const index_t *o = &job[t].out;
            if (o->nbyfp)
                memcpy(x->post + x->nbyfp, o->post,
                       o->nbyfp * sizeof *o->post);
            for (size_t gi = 0; gi < o->ng; gi++)
                x->g[x->ng + gi] =
                    (group){o->g[gi].start + (uint32_t)x->nbyfp,
                            o->g[gi].end + (uint32_t)x->nbyfp};
            x->nbyfp += o->nbyfp;
            x->ng += o->ng;
        }
    }
    for (unsigned t = 0; t < nj; t++)
        index_free(&job[t].out);
    if (rc) {
        index_free(x);
        memset(x, 0, sizeof *x);
        return ARC_ENOMEM;
    }
    /* Each kept fingerprint's group, by fingerprint. */
    if (!(x->byfp = malloc((x->nbyfp ? x->nbyfp : 1) * sizeof *x->byfp)))
        return ARC_ENOMEM;
    for (size_t gi = 0; gi < x->ng; gi++)
        for (uint32_t k = x->g[gi].start; k < x->g[gi].end; k++)
            x->byfp[k] = (uint64_t)(b->base[x->post[k].e] + x->post[k].f)
                             << 32 |
                         gi;
    /* Sort by global index: the radix sort orders by the upper half. */
    return radix_sort(x->byfp, x->nbyfp);
}

typedef struct {
    uint32_t b;    /* comparable report */
    int32_t delta; /* kept-character offset from a to b */
    uint32_t fa, fb;
} match;

static int cmp_match(const void *x, const void *y)
{
    const match *a = x, *b = y;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    if (a->delta != b->delta)
        return a->delta < b->delta ? -1 : 1;
    return (a->fa > b->fa) - (a->fa < b->fa);
}

static int cmp_passage(const void *x, const void *y)
{
    const arc_passage *a = x, *b = y;
    if (a->a0 != b->a0)
        return a->a0 < b->a0 ? -1 : 1;
    return (a->b0 > b->b0) - (a->b0 < b->b0);
}

/* Does the k-gram at kept index at overlap a year mention? */
static int near_year(const arc_digest *d, uint32_t at, unsigned k)
{
    size_t lo = 0, hi = d->nyears;
    while (lo < hi) { /* first mention ending after at */
        size_t mid = lo + (hi - lo) / 2;
        if (d->years[mid].at + 5 <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->nyears && d->years[lo].at < at + k;
}

/* The passages of one pair from its matches (one report b, sorted). */
static int add_pair(struct arc_corpus_pairs *P, size_t *cap,
                    const arc_corpus_ctx *cx, const batch *bt, size_t ea,
                    size_t eb, const match *m, size_t n)
{
    const arc_corpus_params *p = &cx->rs->corpus;
    const arc_digest *da = &cx->results[bt->res[ea]]->digest;
    arc_passage *v = NULL;
    size_t nv = 0, vcap = 0;
    /* Most pairs of units share only short passages (a sentence of the
     * same template): none is kept for them, nor the pair. */
    size_t min_chars =
        pair_type(bt, ea, eb) == ARC_PAIR_UNITS ? cx->unit_min_chars : 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && m[j].delta == m[i].delta &&
               da->fp[m[j].fa].at - da->fp[m[j - 1].fa].at <= p->k + p->window)
            j++;
        uint32_t span = da->fp[m[j - 1].fa].at + p->k - da->fp[m[i].fa].at;
        if (j - i >= 2 && span + p->window - 1 >= min_chars) {
            if (arc_grow((void **)&v, &vcap, nv + 1, sizeof *v)) {
                free(v);
                return ARC_ENOMEM;
            }
            arc_passage ps = {m[i].fa, m[j - 1].fa, m[i].fb, m[j - 1].fb,
                              (uint32_t)(j - i), span + p->window - 1, 0, 0,
                              0};
            /* Shared k-grams are the same text on both sides: a number
             * in one is in the other. */
            for (size_t q = i; q < j; q++)
                if ((da->fp[m[q].fa].len & ARC_FP_DIGIT) &&
                    !near_year(da, da->fp[m[q].fa].at, p->k) &&
                    !ps.ndigit++) {
                    ps.dig_a = m[q].fa;
                    ps.dig_b = m[q].fb;
                }
            v[nv++] = ps;
        }
        i = j;
    }
    if (!nv)
        return 0;
    qsort(v, nv, sizeof *v, cmp_passage);
    if (arc_grow((void **)&P->v, cap, P->n + 1, sizeof *P->v)) {
        free(v);
        return ARC_ENOMEM;
    }
    P->v[P->n++] = (arc_pair){bt->res[ea], bt->res[eb],
                              pair_type(bt, ea, eb), v, nv};
    return 0;
}

typedef struct {
    match *v;
    size_t n, cap;
} matches;

/* Matches of fingerprint fa of report ea with the postings [lo, hi) of
 * reports after ea. */
static int add_matches(matches *m, const arc_corpus_ctx *cx, const batch *bt,
                       size_t ea, uint32_t fa, const posting *v, uint32_t lo,
                       uint32_t hi)
{
    const arc_digest *da = &cx->results[bt->res[ea]]->digest;
    for (uint32_t q = lo; q < hi; q++) {
        size_t eb = v[q].e;
        if (eb <= ea || (bt->ref[ea] && bt->ref[eb]))
            continue;
        const arc_digest *db = &cx->results[bt->res[eb]]->digest;
        if (arc_grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v))
            return ARC_ENOMEM;
        m->v[m->n++] = (match){(uint32_t)eb,
                               (int32_t)db->fp[v[q].f].at -
                                   (int32_t)da->fp[fa].at,
                               fa, v[q].f};
    }
    return 0;
}

/* The pairs (a, b) with a in [e0, e1), in the order of a, into P (room
 * *pcap). */
static int find_pairs(struct arc_corpus_pairs *P, size_t *pcap,
                      const arc_corpus_ctx *cx, const batch *bt,
                      const index_t *x, size_t e0, size_t e1)
{
    matches m = {0};
    /* k walks x->byfp, ordered by global fingerprint, from e0's first. */
    size_t k = 0, hi = x->nbyfp;
    while (k < hi) {
        size_t mid = k + (hi - k) / 2;
        if ((x->byfp[mid] >> 32) < bt->base[e0])
            k = mid + 1;
        else
            hi = mid;
    }
    int rc = 0;
    for (size_t ea = e0; !rc && ea < e1; ea++) {
        int year = bt->year[ea];
        uint32_t unit = bt->unit[ea];
        m.n = 0;
        for (; !rc && k < x->nbyfp && (x->byfp[k] >> 32) < bt->base[ea + 1];
             k++) {
            uint32_t fa = (uint32_t)(x->byfp[k] >> 32) - bt->base[ea];
            const group *g = &x->g[(uint32_t)x->byfp[k]];
            const posting *v = x->post;
            /* Other units of the same year: the year's run less the
             * unit's own. */
            uint32_t y0 = seek(bt, v, g->start, g->end, year, 0, 0);
            uint32_t u0 = seek(bt, v, y0, g->end, year, unit, 0);
            uint32_t u1 = seek(bt, v, u0, g->end, year, unit + 1, 0);
            uint32_t y1 = seek(bt, v, u1, g->end, year + 1, 0, 0);
            rc = add_matches(&m, cx, bt, ea, fa, v, y0, u0);
            if (!rc)
                rc = add_matches(&m, cx, bt, ea, fa, v, u1, y1);
            /* The same unit a year before and a year after. */
            for (int dy = -1; !rc && dy <= 1; dy += 2) {
                uint32_t a = seek(bt, v, g->start, g->end, year + dy, unit, 0);
                uint32_t z = seek(bt, v, a, g->end, year + dy, unit + 1, 0);
                rc = add_matches(&m, cx, bt, ea, fa, v, a, z);
            }
        }
        if (rc || !m.n)
            continue;
        qsort(m.v, m.n, sizeof *m.v, cmp_match);
        for (size_t i = 0; !rc && i < m.n;) {
            size_t j = i + 1;
            while (j < m.n && m.v[j].b == m.v[i].b)
                j++;
            rc = add_pair(P, pcap, cx, bt, ea, m.v[i].b, m.v + i, j - i);
            i = j;
        }
    }
    free(m.v);
    return rc;
}

/* One thread's share of find_pairs. */
typedef struct {
    const arc_corpus_ctx *cx;
    const batch *bt;
    const index_t *x;
    size_t e0, e1;
    struct arc_corpus_pairs P;
    size_t pcap;
    int rc;
} pairs_job;

static void *pairs_part(void *arg)
{
    pairs_job *j = arg;
    j->rc = find_pairs(&j->P, &j->pcap, j->cx, j->bt, j->x, j->e0, j->e1);
    return NULL;
}

/* The pairs of the batch into P: reports split in runs of about equal
 * fingerprints, one a thread, the pairs joined in the order of report
 * a (the order one thread gives). */
static int all_pairs(struct arc_corpus_pairs *P, const arc_corpus_ctx *cx,
                     const batch *bt, const index_t *x)
{
    unsigned nj = cx->jobs < 1 ? 1 : cx->jobs > MAX_JOBS ? MAX_JOBS : cx->jobs;
    if (nj > bt->ne)
        nj = bt->ne ? (unsigned)bt->ne : 1;
    pairs_job job[MAX_JOBS];
    memset(job, 0, sizeof job);
    uint64_t total = bt->base[bt->ne];
    size_t e = 0;
    for (unsigned t = 0; t < nj; t++) {
        uint64_t aim = total * (t + 1) / nj;
        size_t e1 = e;
        while (e1 < bt->ne && (t + 1 == nj || bt->base[e1] < aim))
            e1++;
        job[t] = (pairs_job){cx, bt, x, e, e1, {0}, 0, 0};
        e = e1;
    }
    run_jobs(pairs_part, job, sizeof *job, nj);
    int rc = 0;
    size_t n = 0;
    for (unsigned t = 0; t < nj; t++) {
        rc |= job[t].rc;
        n += job[t].P.n;
    }
    if (!rc) {
        *P = (struct arc_corpus_pairs){job[0].P.v, job[0].P.n, 0, 0};
        size_t cap = job[0].pcap;
        job[0].P = (struct arc_corpus_pairs){0};
        if (nj > 1 && n > cap &&
            arc_grow((void **)&P->v, &cap, n, sizeof *P->v))
            rc = ARC_ENOMEM;
        for (unsigned t = 1; !rc && t < nj; t++) {
            if (job[t].P.n)
                memcpy(P->v + P->n, job[t].P.v, job[t].P.n * sizeof *P->v);
            P->n += job[t].P.n;
            free(job[t].P.v);
            job[t].P = (struct arc_corpus_pairs){0};
        }
    }
    for (unsigned t = 0; t < nj; t++) {
        for (size_t i = 0; i < job[t].P.n; i++)
            free(job[t].P.v[i].v);
        free(job[t].P.v);
    }
    return rc ? ARC_ENOMEM : 0;
}

int arc_corpus_pairs(arc_corpus_ctx *cx, const struct arc_corpus_pairs **out)
{
    *out = NULL;
    if (cx->pairs) {
        *out = cx->pairs;
        return 0;
    }
    struct arc_corpus_pairs *P = calloc(1, sizeof *P);
    batch bt;
    index_t x = {0};
    if (!P)
        return arc_err_nomem(cx->err);
    int rc = batch_make(&bt, cx);
    size_t boilerplate = 0;
    if (!rc)
        rc = index_make(&x, &bt, cx, &boilerplate);
    if (!rc)
        rc = all_pairs(P, cx, &bt, &x);
    P->eligible = bt.ne;
    P->boilerplate = boilerplate;
    index_free(&x);
    batch_free(&bt);
    if (rc) {
        arc_corpus_pairs_free(P);
        return arc_err_nomem(cx->err);
    }
    cx->pairs = P;
    *out = P;
    return 0;
}

void arc_corpus_pairs_free(struct arc_corpus_pairs *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].v);
    free(p->v);
    free(p);
}

typedef struct {
    uint32_t s, e;
} interval;

static int cmp_interval(const void *x, const void *y)
{
    const interval *a = x, *b = y;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return (a->e > b->e) - (a->e < b->e);
}

size_t arc_pair_covered(const arc_corpus_ctx *cx, const arc_pair *p, size_t r,
                        size_t min_chars)
{
    const arc_digest *d = &cx->results[r]->digest;
    unsigned k = cx->rs->corpus.k;
    int side_a = r == p->a;
    interval *iv = malloc((p->n ? p->n : 1) * sizeof *iv);
    size_t n = 0, covered = 0;
    if (!iv)
        return 0;
    for (size_t i = 0; i < p->n; i++) {
        const arc_passage *ps = &p->v[i];
        if (ps->chars < min_chars)
            continue;
        uint32_t f0 = side_a ? ps->a0 : ps->b0, f1 = side_a ? ps->a1 : ps->b1;
        iv[n++] = (interval){d->fp[f0].at, d->fp[f1].at + k};
    }
    qsort(iv, n, sizeof *iv, cmp_interval);
    uint32_t s = 0, e = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || iv[i].s > e) {
            covered += e - s;
            s = iv[i].s;
            e = iv[i].e;
        } else if (iv[i].e > e) {
            e = iv[i].e;
        }
    }
    covered += e - s;
    free(iv);
    return covered;
}

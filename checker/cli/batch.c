/* batch.c - checks many files with worker threads (one arc_checker each,
 * the arc_run shared) and hands the results to the caller in path order,
 * whatever the number of threads. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const arc_run *run;
    const arc_ruleset *rs;
    char *const *paths;
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t main_cv; /* the caller: the result it needs is ready */
    pthread_cond_t work_cv; /* workers: the window moved */
    size_t next;    /* next index to take */
    size_t written; /* results handed to the sink so far */
    size_t window;  /* a worker may run at most this far ahead */
    int idle;       /* workers waiting on work_cv */
    arc_result **slots; /* finished results not yet handed over */
    int failed;     /* out of memory in a worker */
    int stop;       /* the sink failed: finish early */
} batch;

/* Takes the next file if the window allows; called with mu held. */
static int take(batch *b, size_t *i)
{
    if (b->stop || b->failed || b->next >= b->n ||
        b->next >= b->written + b->window)
        return 0;
    *i = b->next++;
    return 1;
}

/* Checks file i with mu released, then stores the result. */
static void work(batch *b, arc_checker *c, size_t i)
{
    pthread_mutex_unlock(&b->mu);
    arc_result *r = NULL;
    arc_run_file(b->run, c, b->paths[i], &r, NULL);
    pthread_mutex_lock(&b->mu);
    if (!r)
        b->failed = 1;
    b->slots[i] = r;
    /* Wake the caller only for the result it is waiting for. */
    if (i == b->written || !r)
        pthread_cond_signal(&b->main_cv);
}

static void *worker(void *arg)
{
    batch *b = arg;
    arc_checker *c = NULL;
    pthread_mutex_lock(&b->mu);
    if (arc_checker_new(&c, b->rs)) {
        b->failed = 1;
        pthread_cond_signal(&b->main_cv);
        pthread_mutex_unlock(&b->mu);
        return NULL;
    }
    for (;;) {
        size_t i;
        if (take(b, &i)) {
            work(b, c, i);
            continue;
        }
        if (b->stop || b->failed || b->next >= b->n)
            break;
        b->idle++;
        pthread_cond_wait(&b->work_cv, &b->mu);
        b->idle--;
    }
    pthread_mutex_unlock(&b->mu);
    arc_checker_free(c);
    return NULL;
}

static int run_serial(const arc_run *run, const arc_ruleset *rs,
                      char *const *paths, size_t n, result_sink sink,
                      void *ud)
{
    arc_checker *c = NULL;
    if (arc_checker_new(&c, rs))
        return ARC_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        arc_result *r = NULL;
        arc_run_file(run, c, paths[i], &r, NULL);
        rc = r ? sink(r, ud) : ARC_ENOMEM;
    }
    arc_checker_free(c);
    return rc;
}

int batch_run(const arc_run *run, const arc_ruleset *rs, int jobs,
              char *const *paths, size_t n, result_sink sink, void *ud)
{
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    if (jobs == 1)
        return run_serial(run, rs, paths, n, sink, ud);

    /* jobs - 1 worker threads; the calling thread checks files too while
     * the result it must hand over next is not ready. */
    batch b = {0};
    b.run = run;
    b.rs = rs;
    b.paths = paths;
    b.n = n;
    b.window = (size_t)jobs * 4;
    b.slots = calloc(n, sizeof *b.slots);
    pthread_t *tid = calloc((size_t)jobs, sizeof *tid);
    arc_checker *c = NULL;
    if (!b.slots || !tid || arc_checker_new(&c, rs)) {
        free(b.slots);
        free(tid);
        arc_checker_free(c);
        return ARC_ENOMEM;
    }
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.main_cv, NULL);
    pthread_cond_init(&b.work_cv, NULL);
    int started = 0;
    for (; started < jobs - 1; started++)
        if (pthread_create(&tid[started], NULL, worker, &b) != 0)
            break;

    int rc = 0;
    pthread_mutex_lock(&b.mu);
    while (!rc && b.written < n) {
        if (b.failed) {
            rc = ARC_ENOMEM;
            break;
        }
        arc_result *r = b.slots[b.written];
        if (!r) {
            size_t i;
            if (take(&b, &i))
                work(&b, c, i);
            else
                pthread_cond_wait(&b.main_cv, &b.mu);
            continue;
        }
        b.slots[b.written] = NULL;
        pthread_mutex_unlock(&b.mu);
        rc = sink(r, ud);
        pthread_mutex_lock(&b.mu);
        b.written++;
        if (b.idle)
            pthread_cond_broadcast(&b.work_cv);
    }
    b.stop = 1;
    pthread_cond_broadcast(&b.work_cv);
    pthread_mutex_unlock(&b.mu);
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    for (size_t i = 0; i < n; i++)
        arc_result_free(b.slots[i]);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.main_cv);
    pthread_cond_destroy(&b.work_cv);
    arc_checker_free(c);
    free(b.slots);
    free(tid);
    return rc;
}

/* The writers of a batch, each fed and closed by one thread. */
struct write_pool {
    arc_writer **w;
    const size_t *order;
    size_t nw;
    arc_result *const *v;
    size_t n;
    arc_error *errs;
    int *failed;
    pthread_mutex_t mu;
    size_t next; /* next position in order to take */
    pthread_t *tid;
    int started;
};

/* Writes every result to writer i and closes it; a writer that fails is
 * aborted (its temporary file removed) and its error kept in errs[i]. */
static void write_one(write_pool *p, size_t i)
{
    arc_writer *w = p->w[i];
    p->w[i] = NULL;
    for (size_t k = 0; k < p->n; k++)
        if (arc_writer_result(w, p->v[k], &p->errs[i])) {
            arc_writer_abort(w);
            p->failed[i] = 1;
            return;
        }
    p->failed[i] = arc_writer_close(w, &p->errs[i]) != 0;
}

/* Takes writers in the given order until none is left. */
static void *write_worker(void *arg)
{
    write_pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t k = p->next < p->nw ? p->next++ : p->nw;
        pthread_mutex_unlock(&p->mu);
        if (k == p->nw)
            return NULL;
        write_one(p, p->order[k]);
    }
}

write_pool *batch_write_start(arc_writer **w, const size_t *order, size_t nw,
                              arc_result *const *v, size_t n, int jobs,
                              arc_error *errs, int *failed)
{
    write_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    *p = (write_pool){.w = w, .order = order, .nw = nw, .v = v, .n = n,
                      .errs = errs, .failed = failed};
    pthread_mutex_init(&p->mu, NULL);
    /* The calling thread is one of the jobs, taken when it finishes. */
    size_t helpers = jobs > 1 ? (size_t)jobs - 1 : 0;
    if (helpers > nw)
        helpers = nw;
    if (helpers && !(p->tid = calloc(helpers, sizeof *p->tid)))
        helpers = 0;
    for (; (size_t)p->started < helpers; p->started++)
        if (pthread_create(&p->tid[p->started], NULL, write_worker, p) != 0)
            break;
    return p;
}

void batch_write_finish(write_pool *p)
{
    write_worker(p);
    for (int t = 0; t < p->started; t++)
        pthread_join(p->tid[t], NULL);
    pthread_mutex_destroy(&p->mu);
    free(p->tid);
    free(p);
}

/* batch.c - checks many reports with worker threads and hands the results
 * to the caller in path order, whatever the number of threads. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const batch_opts *opts;
    char *const *paths;
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t main_cv; /* the caller: the report it needs is ready */
    pthread_cond_t work_cv; /* workers: the window moved */
    size_t next;    /* next index to take */
    size_t written; /* reports handed to the sink so far */
    size_t window;  /* a worker may run at most this far ahead */
    int idle;       /* workers waiting on work_cv */
    report **slots; /* finished reports not yet handed over */
    int failed;     /* out of memory in a worker */
    int stop;       /* the sink failed: finish early */
} batch;

static int not_ignored(const arc_finding *fi, void *ud)
{
    return !arc_config_ignored(ud, fi->path, fi->rule);
}

/* Checks one file into a new report (NULL on out of memory). */
static report *check_one(const batch_opts *o, arc_checker *c,
                         const char *path)
{
    report *r = calloc(1, sizeof *r);
    if (!r || arc_findings_new(&r->findings)) {
        free(r);
        return NULL;
    }
    r->path = path;
    arc_doc *doc = NULL;
    if (arc_doc_load_with(&doc, path, o->rs, &o->load, &r->err)) {
        if (r->err.code == ARC_ENOMEM)
            goto nomem;
        arc_finding fi = {0};
        fi.path = path;
        fi.line = r->err.line;
        fi.column = r->err.column;
        fi.severity = ARC_SEV_ERROR;
        fi.rule = "input.unreadable";
        fi.section = "";
        fi.message = r->err.message;
        fi.evidence = "";
        if (arc_findings_add(r->findings, &fi))
            goto nomem;
        r->unreadable = 1;
        arc_scorecard_unreadable(&r->card, o->rs, r->findings);
        return r;
    }
    if (o->pub_y)
        arc_doc_set_published(doc, o->pub_y, o->pub_m, o->pub_d);
    int rc = arc_checker_run(c, doc, r->findings, &r->card, &r->err);
    arc_doc_free(doc);
    if (rc)
        goto nomem;
    arc_findings_sort(r->findings);
    if (o->config) {
        arc_findings_filter(r->findings, not_ignored, (void *)o->config);
        arc_scorecard_score(&r->card, o->rs, r->findings);
    }
    return r;
nomem:
    arc_findings_free(r->findings);
    free(r);
    return NULL;
}

static void report_free(report *r)
{
    if (r) {
        arc_findings_free(r->findings);
        free(r);
    }
}

/* Takes the next file if the window allows; called with mu held. */
static int take(batch *b, size_t *i)
{
    if (b->stop || b->failed || b->next >= b->n ||
        b->next >= b->written + b->window)
        return 0;
    *i = b->next++;
    return 1;
}

/* Checks file i with mu released, then stores the report. */
static void work(batch *b, arc_checker *c, size_t i)
{
    pthread_mutex_unlock(&b->mu);
    report *r = check_one(b->opts, c, b->paths[i]);
    pthread_mutex_lock(&b->mu);
    if (!r)
        b->failed = 1;
    b->slots[i] = r;
    /* Wake the caller only for the report it is waiting for. */
    if (i == b->written || !r)
        pthread_cond_signal(&b->main_cv);
}

static void *worker(void *arg)
{
    batch *b = arg;
    arc_checker *c = NULL;
    pthread_mutex_lock(&b->mu);
    if (arc_checker_new(&c, b->opts->rs)) {
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

static int run_serial(const batch_opts *o, char *const *paths, size_t n,
                      report_sink sink, void *ud)
{
    arc_checker *c = NULL;
    if (arc_checker_new(&c, o->rs))
        return ARC_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        report *r = check_one(o, c, paths[i]);
        rc = r ? sink(r, ud) : ARC_ENOMEM;
        report_free(r);
    }
    arc_checker_free(c);
    return rc;
}

int batch_run(const batch_opts *o, char *const *paths, size_t n,
              report_sink sink, void *ud)
{
    int jobs = o->jobs < 1 ? 1 : o->jobs;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    if (jobs == 1)
        return run_serial(o, paths, n, sink, ud);

    /* jobs - 1 worker threads; the calling thread checks files too while
     * the report it must hand over next is not ready. */
    batch b = {0};
    b.opts = o;
    b.paths = paths;
    b.n = n;
    b.window = (size_t)jobs * 4;
    b.slots = calloc(n, sizeof *b.slots);
    pthread_t *tid = calloc((size_t)jobs, sizeof *tid);
    arc_checker *c = NULL;
    if (!b.slots || !tid || arc_checker_new(&c, o->rs)) {
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
        report *r = b.slots[b.written];
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
        report_free(r);
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
        report_free(b.slots[i]);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.main_cv);
    pthread_cond_destroy(&b.work_cv);
    arc_checker_free(c);
    free(b.slots);
    free(tid);
    return rc;
}

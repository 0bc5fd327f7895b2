/* duplicate: the same document submitted twice in one batch under two
 * file names ("附件1.docx" and "附件1（定稿）.pdf").  Reported in each copy,
 * naming another.  Compares the digests' text hashes: one sort, no
 * pairwise comparison. */
#include "corpus.h"

#include "util.h"

#include <stdlib.h>

typedef struct {
    uint64_t hash;
    size_t len;
    size_t i;
} key;

static int cmp(const void *a, const void *b)
{
    const key *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int parse(arc_rule *r, const arc_node *node, const arc_load_ctx *cx,
                 const arc_ruleset *rs)
{
    (void)r, (void)node, (void)cx, (void)rs;
    return 0;
}

static int corpus(const arc_rule *r, arc_corpus_ctx *cx)
{
    key *k = malloc((cx->n ? cx->n : 1) * sizeof *k);
    if (!k)
        return arc_err_nomem(cx->err);
    size_t n = 0;
    for (size_t i = 0; i < cx->n; i++) {
        const arc_result *res = cx->results[i];
        /* Reference reports (last year's) are not part of the batch. */
        if (res->status == ARC_RESULT_CHECKED && res->digest.text_len &&
            !res->reference)
            k[n++] = (key){res->digest.text_hash, res->digest.text_len, i};
    }
    qsort(k, n, sizeof *k, cmp);
    int rc = 0;
    for (size_t a = 0; a < n && !rc;) {
        size_t b = a + 1;
        while (b < n && k[b].hash == k[a].hash && k[b].len == k[a].len)
            b++;
        for (size_t j = a; b - a > 1 && j < b && !rc; j++) {
            /* Name the first other copy (in batch order). */
            size_t other = k[j == a ? a + 1 : a].i;
            char count[24];
            snprintf(count, sizeof count, "%zu", b - a - 1);
            arc_var v[] = {{"other", cx->results[other]->path},
                           {"count", count}};
            rc = arc_corpus_emit(cx, r, k[j].i, v, 2);
        }
        a = b;
    }
    free(k);
    return rc;
}

const arc_kind arc_kind_duplicate = {
    .name = "duplicate",
    .parse = parse,
    .corpus = corpus,
};

#include "archeck.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Findings own their strings; `path` is shared per document. */
typedef struct {
    arc_finding f;
    size_t seq; /* insertion order, for a stable sort */
} item;

struct arc_findings {
    item *v;
    size_t n, cap;
};

int arc_findings_new(arc_findings **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : ARC_ENOMEM;
}

static void item_free(item *it)
{
    free((char *)it->f.path);
    free((char *)it->f.rule);
    free((char *)it->f.section);
    free((char *)it->f.message);
    free((char *)it->f.evidence);
    free((char *)it->f.related_path);
}

void arc_findings_free(arc_findings *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        item_free(&f->v[i]);
    free(f->v);
    free(f);
}

size_t arc_findings_count(const arc_findings *f)
{
    return f->n;
}

const arc_finding *arc_findings_get(const arc_findings *f, size_t i)
{
    return i < f->n ? &f->v[i].f : NULL;
}

int arc_findings_add(arc_findings *f, const arc_finding *fi)
{
    if (arc_grow((void **)&f->v, &f->cap, f->n + 1, sizeof *f->v))
        return ARC_ENOMEM;
    item *it = &f->v[f->n];
    memset(it, 0, sizeof *it);
    it->f = *fi;
    it->f.path = arc_strdup(fi->path ? fi->path : "");
    it->f.rule = arc_strdup(fi->rule ? fi->rule : "");
    it->f.section = arc_strdup(fi->section ? fi->section : "");
    it->f.message = arc_strdup(fi->message ? fi->message : "");
    it->f.evidence = arc_strdup(fi->evidence ? fi->evidence : "");
    it->f.related_path = arc_strdup(fi->related_path ? fi->related_path : "");
    if (!it->f.path || !it->f.rule || !it->f.section || !it->f.message ||
        !it->f.evidence || !it->f.related_path) {
        item_free(it);
        return ARC_ENOMEM;
    }
    it->seq = f->n++;
    return 0;
}

void arc_findings_filter(arc_findings *f,
                         int (*keep)(const arc_finding *fi, void *ud),
                         void *ud)
{
    size_t out = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (keep(&f->v[i].f, ud))
            f->v[out++] = f->v[i];
        else
            item_free(&f->v[i]);
    }
    f->n = out;
}

static int cmp(const void *a, const void *b)
{
    const item *x = a, *y = b;
    int c = strcmp(x->f.path, y->f.path);
    if (c)
        return c;
    if (x->f.line != y->f.line)
        return x->f.line < y->f.line ? -1 : 1;
    if (x->f.column != y->f.column)
        return x->f.column < y->f.column ? -1 : 1;
    if ((c = strcmp(x->f.rule, y->f.rule)))
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void arc_findings_sort(arc_findings *f)
{
    if (f->n > 1)
        qsort(f->v, f->n, sizeof *f->v, cmp);
}

size_t arc_findings_count_severity(const arc_findings *f, arc_severity sev)
{
    size_t c = 0;
    for (size_t i = 0; i < f->n; i++)
        c += f->v[i].f.severity == sev;
    return c;
}

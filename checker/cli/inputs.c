/* inputs.c - which files a run checks. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

int strvec_push(strvec *sv, const char *s)
{
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 16;
        char **v = realloc(sv->v, cap * sizeof *v);
        if (!v)
            return -1;
        sv->v = v;
        sv->cap = cap;
    }
    if (!(sv->v[sv->n] = strdup(s)))
        return -1;
    sv->n++;
    return 0;
}

void strvec_free(strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

/* ------------------------------------------------------------ the walk */

/* A directory or file already found: its device and inode, and the path
 * it was found under. */
typedef struct {
    dev_t dev;
    ino_t ino;
    char *path; /* NULL: free slot */
} seen_entry;

/* Open addressing on (device, inode), at most half full. */
typedef struct {
    seen_entry *v;
    size_t cap, n;
} seen_set;

static size_t seen_hash(dev_t dev, ino_t ino)
{
    unsigned long long h = (unsigned long long)ino * 0x9E3779B97F4A7C15ull;
    h ^= (unsigned long long)dev + (h >> 29);
    return (size_t)(h ^ (h >> 32));
}

/* The path under which (dev, ino) was first found, or NULL after adding
 * it under `path`.  *err is set on out of memory. */
static const char *seen_add(seen_set *s, dev_t dev, ino_t ino,
                            const char *path, int *err)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        seen_entry *v = calloc(cap, sizeof *v);
        if (!v) {
            *err = 1;
            return NULL;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->v[i].path)
                continue;
            size_t k = seen_hash(s->v[i].dev, s->v[i].ino) & (cap - 1);
            while (v[k].path)
                k = (k + 1) & (cap - 1);
            v[k] = s->v[i];
        }
        free(s->v);
        s->v = v;
        s->cap = cap;
    }
    size_t k = seen_hash(dev, ino) & (s->cap - 1);
    for (; s->v[k].path; k = (k + 1) & (s->cap - 1))
        if (s->v[k].dev == dev && s->v[k].ino == ino)
            return s->v[k].path;
    if (!(s->v[k].path = strdup(path))) {
        *err = 1;
        return NULL;
    }
    s->v[k].dev = dev;
    s->v[k].ino = ino;
    s->n++;
    return NULL;
}

static void seen_free(seen_set *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->v[i].path);
    free(s->v);
}

void skipvec_free(skipvec *sv)
{
    for (size_t i = 0; i < sv->n; i++) {
        free(sv->v[i].path);
        free(sv->v[i].reason);
    }
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

/* Everything one inputs_collect call keeps while it walks. */
typedef struct {
    const input_spec *spec;
    strvec *out;
    skipvec *skipped;
    seen_set seen;
    strvec links;  /* symbolic links met in walks, followed afterwards */
    int nomem;
    int failed;    /* a directory could not be read */
} walker;

static void skip(walker *w, const char *path, int error, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

static void skip(walker *w, const char *path, int error, const char *fmt,
                 ...)
{
    skipvec *sv = w->skipped;
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 16;
        skipped_entry *v = realloc(sv->v, cap * sizeof *v);
        if (!v) {
            w->nomem = 1;
            return;
        }
        sv->v = v;
        sv->cap = cap;
    }
    char reason[PATH_MAX + 128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    skipped_entry *e = &sv->v[sv->n];
    e->path = strdup(path);
    e->reason = strdup(reason);
    e->error = error;
    if (!e->path || !e->reason) {
        free(e->path);
        free(e->reason);
        w->nomem = 1;
        return;
    }
    sv->n++;
    w->failed |= error;
}

/* The file-name extension, lower or upper case as written ("" if none). */
static const char *extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? dot : "";
}

/* Does a reader take files with this extension?  The list comes from the
 * readers table, so that a new format is scanned for without a change
 * here.  A name without one is taken: the readers sniff the content. */
static int readable_extension(const char *ext)
{
    if (!*ext)
        return 1;
    for (size_t i = 0; i < arc_reader_count(); i++) {
        const char *name, *label;
        const char *const *exts;
        if (arc_reader_info(i, &name, &label, &exts))
            continue;
        for (; exts && *exts; exts++)
            if (strcasecmp(ext, *exts) == 0)
                return 1;
    }
    return 0;
}

static int any_match(const strvec *globs, const char *path);

static int wanted(const walker *w, const char *path)
{
    return (!w->spec->include.n || any_match(&w->spec->include, path)) &&
           !any_match(&w->spec->exclude, path);
}

/* Takes a file to check, once: a second path to the same file (a hard or
 * symbolic link) is skipped. */
static void take_file(walker *w, const char *path, const struct stat *st)
{
    if (!wanted(w, path))
        return;
    int err = 0;
    const char *first = seen_add(&w->seen, st->st_dev, st->st_ino, path, &err);
    if (err)
        w->nomem = 1;
    else if (first && strcmp(first, path) != 0)
        skip(w, path, 0, "与 %s 是同一文件，已检查", first);
    else if (!first && strvec_push(w->out, path))
        w->nomem = 1;
}

/* A regular file found in a walk: reports only (README.* describes its
 * folder and is left out silently, like hidden entries). */
static void walked_file(walker *w, const char *path, const char *name,
                        const struct stat *st)
{
    if (strncasecmp(name, "readme.", 7) == 0)
        return;
    if (strncmp(name, "~$", 2) == 0) {
        skip(w, path, 0, "Word 的临时锁定文件（~$）");
        return;
    }
    const char *ext = extension(name);
    if (!readable_extension(ext)) {
        skip(w, path, 0, "不支持的文件类型（%s）", ext);
        return;
    }
    take_file(w, path, st);
}

static void walk(walker *w, const char *dir);

/* Enters a directory unless it was entered before, under this path or
 * another (a symbolic link back into the walk, or two paths to one
 * directory). */
static void enter(walker *w, const char *path, const struct stat *st)
{
    int err = 0;
    const char *first = seen_add(&w->seen, st->st_dev, st->st_ino, path, &err);
    if (err) {
        w->nomem = 1;
        return;
    }
    if (!first) {
        walk(w, path);
        return;
    }
    size_t k = strlen(first);
    if (strncmp(path, first, k) == 0 && path[k] == '/')
        skip(w, path, 0, "符号链接构成循环（指向上级目录 %s）", first);
    else if (strcmp(path, first) != 0)
        skip(w, path, 0, "与 %s 是同一目录，已检查", first);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks dir: entries in name order (the same results on every file
 * system); symbolic links are set aside and followed after the walk, so
 * that what is found is named by its real path where it has one. */
static void walk(walker *w, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        skip(w, dir, 1, "无法读取目录：%s", strerror(errno));
        return;
    }
    strvec names = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && strvec_push(&names, e->d_name))
            w->nomem = 1;
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < names.n && !w->nomem; i++) {
        const char *name = names.v[i];
        size_t n = dl + strlen(name) + 2;
        char *p = malloc(n);
        if (!p) {
            w->nomem = 1;
            break;
        }
        snprintf(p, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/",
                 name);
        struct stat st;
        if (lstat(p, &st) != 0)
            skip(w, p, 0, "无法访问：%s", strerror(errno));
        else if (S_ISLNK(st.st_mode)) {
            if (strvec_push(&w->links, p))
                w->nomem = 1;
        } else if (S_ISDIR(st.st_mode))
            enter(w, p, &st);
        else if (S_ISREG(st.st_mode))
            walked_file(w, p, name, &st);
        else
            skip(w, p, 0, "不是普通文件（设备、管道或套接字）");
        free(p);
    }
    strvec_free(&names);
}

/* Follows the symbolic links the walks set aside (and those found beyond
 * them), in the order they were met. */
static void follow_links(walker *w)
{
    for (size_t i = 0; i < w->links.n && !w->nomem; i++) {
        const char *p = w->links.v[i];
        const char *slash = strrchr(p, '/');
        const char *name = slash ? slash + 1 : p;
        struct stat st;
        if (stat(p, &st) != 0) {
            if (errno == ELOOP)
                skip(w, p, 0, "符号链接构成循环");
            else if (errno == ENOENT)
                skip(w, p, 0, "符号链接的目标不存在");
            else
                skip(w, p, 0, "无法访问：%s", strerror(errno));
        } else if (S_ISDIR(st.st_mode))
            enter(w, p, &st);
        else if (S_ISREG(st.st_mode))
            walked_file(w, p, name, &st);
        else
            skip(w, p, 0, "不是普通文件（设备、管道或套接字）");
    }
    strvec_free(&w->links);
}

/* A pattern with a slash matches the whole path, one without matches the
 * file name; in both, * also crosses directories. */
static int glob_match(const char *pattern, const char *path)
{
    const char *p = strncmp(path, "./", 2) == 0 ? path + 2 : path;
    if (strchr(pattern, '/'))
        return fnmatch(pattern, p, 0) == 0;
    const char *base = strrchr(p, '/');
    return fnmatch(pattern, base ? base + 1 : p, 0) == 0;
}

static int any_match(const strvec *globs, const char *path)
{
    for (size_t i = 0; i < globs->n; i++)
        if (glob_match(globs->v[i], path))
            return 1;
    return 0;
}

/* A path named by the user: a directory is walked; anything else is
 * checked as it is (a file that does not exist is still checked, and
 * reported as unreadable, so that the audit shows every submission). */
static void add_path(walker *w, const char *p)
{
    struct stat st;
    if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
        enter(w, p, &st);
        follow_links(w);
    } else if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
        take_file(w, p, &st);
    } else if (wanted(w, p) && strvec_push(w->out, p)) {
        w->nomem = 1;
    }
}

static int read_list(const char *from, walker *w)
{
    FILE *fp = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
    if (!fp) {
        fprintf(stderr, "%s: error: 无法读取文件列表：%s\n", from,
                strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            add_path(w, line);
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
    return rc;
}

static int cmp_skipped(const void *a, const void *b)
{
    return strcmp(((const skipped_entry *)a)->path,
                  ((const skipped_entry *)b)->path);
}

int inputs_collect(const input_spec *spec, strvec *out, skipvec *skipped)
{
    strvec all = {0};
    walker w = {spec, &all, skipped, {0}, {0}, 0, 0};
    int rc = 0;
    for (size_t i = 0; i < spec->paths.n && !w.nomem; i++)
        add_path(&w, spec->paths.v[i]);
    if (spec->files_from && !w.nomem && read_list(spec->files_from, &w) < 0)
        rc = -1;
    seen_free(&w.seen);
    strvec_free(&w.links);
    if (all.n)
        qsort(all.v, all.n, sizeof *all.v, cmp_str);
    for (size_t i = 0; i < all.n && !w.nomem; i++) {
        const char *p = all.v[i];
        if (i > 0 && strcmp(p, all.v[i - 1]) == 0)
            continue;
        if (strvec_push(out, p))
            w.nomem = 1;
    }
    strvec_free(&all);
    if (skipped->n)
        qsort(skipped->v, skipped->n, sizeof *skipped->v, cmp_skipped);
    if (w.nomem)
        fputs("archeck: error: 内存不足\n", stderr);
    return rc || w.nomem || w.failed ? -1 : 0;
}

/* inputs.c - which files a run checks. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
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

/* Reports are files of every format archeck reads; a folder's README
 * describes the folder and is not a report; ~$x.docx is Word's lock file. */
static int is_report_name(const char *name)
{
    static const char *const exts[] = {".txt", ".md",  ".docx", ".doc",
                                       ".wps", ".odt", ".rtf",  ".html",
                                       ".htm", ".pdf", ".ofd"};
    const char *dot = strrchr(name, '.');
    if (!dot || strncasecmp(name, "readme.", 7) == 0 ||
        strncmp(name, "~$", 2) == 0)
        return 0;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

static int walk(const char *dir, strvec *out)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: error: 无法读取目录：%s\n", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    size_t dl = strlen(dir);
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = dl + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/",
                 e->d_name);
        struct stat st;
        if (stat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                if (walk(p, out) < 0)
                    rc = -1;
            } else if (S_ISREG(st.st_mode) && is_report_name(e->d_name) &&
                       strvec_push(out, p)) {
                rc = -1;
            }
        }
        free(p);
    }
    closedir(d);
    return rc;
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

static int add_path(const char *p, strvec *out)
{
    struct stat st;
    if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
        return walk(p, out);
    /* A file that does not exist is still checked, and reported as
     * unreadable, so that the audit shows every submission. */
    return strvec_push(out, p);
}

static int read_list(const char *from, strvec *out)
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
        if (n > 0 && add_path(line, out) < 0)
            rc = -1;
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int inputs_collect(const input_spec *spec, strvec *out)
{
    strvec all = {0};
    int rc = 0;
    for (size_t i = 0; i < spec->paths.n; i++)
        if (add_path(spec->paths.v[i], &all) < 0)
            rc = -1;
    if (spec->files_from && read_list(spec->files_from, &all) < 0)
        rc = -1;
    qsort(all.v, all.n, sizeof *all.v, cmp_str);
    for (size_t i = 0; i < all.n; i++) {
        const char *p = all.v[i];
        if ((i > 0 && strcmp(p, all.v[i - 1]) == 0) ||
            (spec->include.n && !any_match(&spec->include, p)) ||
            any_match(&spec->exclude, p))
            continue;
        if (strvec_push(out, p)) {
            rc = -1;
            break;
        }
    }
    strvec_free(&all);
    return rc;
}

/* report.c - writers: format lookup and atomic files (temporary file in the
 * target directory, fsync, rename). */
#include "report.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const arc_format *const formats[] = {
    &arc_format_csv,   &arc_format_text,  &arc_format_json,
    &arc_format_sarif, &arc_format_junit, &arc_format_github,
    &arc_format_summary, &arc_format_html, &arc_format_xlsx, NULL};

const char *const *arc_writer_formats(void)
{
    static const char *const names[] = {"csv",   "text",    "json",
                                        "sarif", "junit",   "github",
                                        "summary", "html",  "xlsx", NULL};
    return names;
}

void arc_json_str(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (*p < 0x20)
                fprintf(fp, "\\u%04x", *p);
            else
                fputc(*p, fp);
        }
    }
    fputc('"', fp);
}

void arc_xml_str(FILE *fp, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&apos;", fp); break;
        case '\n': fputs("&#10;", fp); break;
        case '\r': fputs("&#13;", fp); break;
        case '\t': fputs("&#9;", fp); break;
        default:
            /* Other control characters are not allowed in XML 1.0. */
            if (*p >= 0x20)
                fputc(*p, fp);
        }
    }
}

int arc_each_file(arc_writer *w, const arc_findings *f,
                  int (*fn)(arc_writer *w, const arc_findings *f, size_t from,
                            size_t to))
{
    size_t n = arc_findings_count(f), from = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && strcmp(arc_findings_get(f, i)->path,
                            arc_findings_get(f, from)->path) == 0)
            continue;
        int rc = fn(w, f, from, i);
        if (rc)
            return rc;
        from = i;
    }
    return 0;
}

static const arc_format *find(const char *name)
{
    for (const arc_format *const *f = formats; *f; f++)
        if (strcmp((*f)->name, name) == 0)
            return *f;
    return NULL;
}

/* Creates a new file beside `path`.  Unlike mkstemp (mode 0600) the mode
 * honours the umask, so the renamed report has the usual permissions. */
static int open_temp(char *buf, size_t size, const char *path)
{
    unsigned long salt = (unsigned long)getpid() ^ (unsigned long)(uintptr_t)buf;
    for (int attempt = 0; attempt < 100; attempt++) {
        salt = salt * 6364136223846793005UL + 1442695040888963407UL;
        snprintf(buf, size, "%s.tmp.%06lx", path, (salt >> 40) & 0xFFFFFF);
        int fd = open(buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* The file a symlink points to (even if it does not exist yet), or NULL
 * when path is not a symlink. */
static char *link_target(const char *path)
{
    struct stat st;
    char buf[4096];
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return NULL;
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    const char *slash = strrchr(path, '/');
    if (buf[0] == '/' || !slash)
        return arc_strdup(buf);
    arc_buf b = {0};
    if (arc_buf_append(&b, path, (size_t)(slash - path + 1)) ||
        arc_buf_puts(&b, buf)) {
        arc_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* Runs the format's open and hands the writer out. */
static int start(arc_writer *w, arc_writer **out, const char *path,
                 arc_error *err)
{
    int rc = w->fmt->open(w);
    if (rc) {
        arc_writer_abort(w);
        return rc == ARC_ENOMEM ? arc_err_nomem(err)
                                : arc_err(err, rc, path, 0, 0, "无法写入");
    }
    *out = w;
    return 0;
}

int arc_writer_open(arc_writer **out, const char *format, const char *path,
                    FILE *stream, const arc_ruleset *rs, arc_error *err)
{
    *out = NULL;
    const arc_format *fmt = find(format);
    if (!fmt)
        return arc_err(err, ARC_EINVAL, NULL, 0, 0, "未知的输出格式“%s”",
                       format);
    if (strcmp(path, "-") == 0 && !stream)
        return arc_err(err, ARC_EINVAL, NULL, 0, 0,
                       "输出为“-”时需要一个输出流");
    arc_writer *w = calloc(1, sizeof *w);
    if (!w)
        return arc_err_nomem(err);
    w->fmt = fmt;
    w->rs = rs;
    w->threshold = ARC_SEV_ERROR;
    if (strcmp(path, "-") == 0) {
        w->fp = stream;
        return start(w, out, path, err);
    }
    struct stat st;
    int e = 0;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or pipe (/dev/null, /dev/stdout, a FIFO) cannot be
         * replaced by rename: write to it in place. */
        w->own = 1;
        if (!(w->path = arc_strdup(path)))
            e = ENOMEM;
        else if (!(w->fp = fopen(path, "wb")))
            e = errno;
    } else {
        /* A symlink's target is replaced, not the link itself. */
        char *target = link_target(path);
        w->path = target ? target : arc_strdup(path);
        size_t n = w->path ? strlen(w->path) + 32 : 0;
        int fd = -1;
        if (!w->path || !(w->tmp = malloc(n)))
            e = ENOMEM;
        else if ((fd = open_temp(w->tmp, n, w->path)) < 0 ||
                 !(w->fp = fdopen(fd, "wb"))) {
            e = errno;
            if (fd >= 0) {
                close(fd);
                unlink(w->tmp);
            }
            free(w->tmp);
            w->tmp = NULL;
        }
    }
    if (e) {
        arc_writer_abort(w);
        return e == ENOMEM ? arc_err_nomem(err)
                           : arc_err(err, ARC_EIO, path, 0, 0, "无法写入：%s",
                                     strerror(e));
    }
    return start(w, out, path, err);
}

static int report_err(arc_writer *w, int rc, arc_error *err)
{
    if (!rc)
        return 0;
    return rc == ARC_ENOMEM ? arc_err_nomem(err)
                            : arc_err(err, rc, w->path, 0, 0, "写入失败");
}

int arc_writer_write(arc_writer *w, const arc_findings *f, arc_error *err)
{
    return report_err(w, w->fmt->report(w, NULL, NULL, f), err);
}

int arc_writer_needs_text(const arc_writer *w)
{
    return w->fmt->needs_text;
}

int arc_writer_prepare(arc_writer *w, const arc_result *r, arc_error *err)
{
    if (!w->fmt->prepare)
        return 0;
    return report_err(w, w->fmt->prepare(w, r), err);
}

int arc_writer_result(arc_writer *w, const arc_result *r, arc_error *err)
{
    w->nreports++;
    w->result = r;
    int rc = w->fmt->report(w, arc_result_path(r), arc_result_scorecard(r),
                            arc_result_findings(r));
    w->result = NULL;
    return report_err(w, rc, err);
}

void arc_writer_set_threshold(arc_writer *w, arc_severity sev)
{
    w->threshold = sev;
}

/* The format's state, whatever became of the report. */
static void release_state(arc_writer *w)
{
    if (w->fmt && w->fmt->discard)
        w->fmt->discard(w);
    else
        free(w->state);
    w->state = NULL;
}

void arc_writer_abort(arc_writer *w)
{
    if (!w)
        return;
    if (w->tmp) {
        if (w->fp)
            fclose(w->fp);
        unlink(w->tmp);
    } else if (w->own && w->fp) {
        fclose(w->fp);
    }
    release_state(w);
    free(w->path);
    free(w->tmp);
    free(w);
}

int arc_writer_close(arc_writer *w, arc_error *err)
{
    int rc = w->fmt->close(w), e = 0;
    /* fflush reports the error of the last write (ENOSPC, EPIPE, EIO). */
    if (!rc && fflush(w->fp) != 0)
        rc = ARC_EIO, e = errno;
    if (!rc && ferror(w->fp))
        rc = ARC_EIO;
    if (!w->tmp) {
        if (w->own && fclose(w->fp) != 0 && !rc)
            rc = ARC_EIO, e = errno;
        if (rc)
            arc_err(err, ARC_EIO, w->path ? w->path : "标准输出", 0, 0,
                    "写入失败：%s", e ? strerror(e) : "I/O 错误");
        release_state(w);
        free(w->path);
        free(w);
        return rc ? ARC_EIO : 0;
    }
    if (!rc && fsync(fileno(w->fp)) != 0)
        rc = ARC_EIO, e = errno;
    if (fclose(w->fp) != 0 && !rc)
        rc = ARC_EIO, e = errno;
    w->fp = NULL;
    if (!rc && rename(w->tmp, w->path) != 0)
        rc = ARC_EIO, e = errno;
    if (rc) {
        arc_err(err, ARC_EIO, w->path, 0, 0, "写入失败：%s",
                e ? strerror(e) : "I/O 错误");
        arc_writer_abort(w);
        return ARC_EIO;
    }
    release_state(w);
    free(w->path);
    free(w->tmp);
    free(w);
    return 0;
}

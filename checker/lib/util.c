#include "util.h"

#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int arc_err(arc_error *err, int code, const char *file, int line, int col,
            const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = col;
    err->rule[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void arc_err_rule(arc_error *err, const char *rule)
{
    if (err && rule)
        snprintf(err->rule, sizeof err->rule, "%s", rule);
}

int arc_err_nomem(arc_error *err)
{
    return arc_err(err, ARC_ENOMEM, NULL, 0, 0, "内存不足");
}

int arc_reason(char *reason, size_t size, int rc, const char *fmt, ...)
{
    if (reason && size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(reason, size, fmt, ap);
        va_end(ap);
    }
    return rc;
}

int arc_reason_nomem(char *reason, size_t size)
{
    return arc_reason(reason, size, ARC_ENOMEM, "内存不足");
}

size_t arc_lower_bound_u32(const uint32_t *v, size_t n, uint64_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int arc_grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return ARC_ENOMEM;
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem)
        return ARC_ENOMEM;
    void *p = realloc(*buf, ncap * elem);
    if (!p)
        return ARC_ENOMEM;
    *buf = p;
    *cap = ncap;
    return 0;
}

char *arc_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arc_strdup(const char *s)
{
    return arc_strndup(s, strlen(s));
}

int arc_buf_append(arc_buf *b, const char *s, size_t len)
{
    if (arc_grow((void **)&b->data, &b->cap, b->len + len + 1, 1))
        return ARC_ENOMEM;
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int arc_buf_puts(arc_buf *b, const char *s)
{
    return arc_buf_append(b, s, strlen(s));
}

int arc_buf_printf(arc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ARC_EINVAL;
    if (arc_grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1))
        return ARC_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void arc_buf_free(arc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Chinese wording for the failures users meet; strerror for the rest. */
static const char *io_reason(int e)
{
    switch (e) {
    case ENOENT:
        return "文件不存在";
    case EACCES:
    case EPERM:
        return "没有读取权限";
    case EISDIR:
        return "这是一个目录";
    case ENOTDIR:
        return "路径中的某一级不是目录";
    default:
        return strerror(e);
    }
}

/* A size for messages: "3 MiB", "2.5 MiB", or bytes below 1 MiB. */
static void size_text(char *buf, size_t size, unsigned long long bytes)
{
    if (bytes < ((unsigned long long)1 << 20))
        snprintf(buf, size, "%llu 字节", bytes);
    else if (bytes % ((unsigned long long)1 << 20) == 0)
        snprintf(buf, size, "%llu MiB", bytes >> 20);
    else
        snprintf(buf, size, "%.1f MiB", (double)bytes / (1 << 20));
}

static int too_large(arc_error *err, const char *path,
                     unsigned long long bytes, size_t max)
{
    char have[32], limit[32];
    size_text(have, sizeof have, bytes);
    size_text(limit, sizeof limit, max);
    return arc_err(err, ARC_EIO, path, 0, 0, "文件过大（%s，上限 %s），未检查",
                   have, limit);
}

int arc_read_file(char **out, size_t *len, const char *path, size_t max,
                  arc_error *err)
{
    *out = NULL;
    *len = 0;
    if (!max)
        max = SIZE_MAX / 4;
    /* O_NONBLOCK: opening a FIFO with no writer must not hang the batch;
     * what is not a regular file is refused below without reading. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return arc_err(err, ARC_EIO, path, 0, 0, "无法读取文件：%s",
                       io_reason(errno));
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return arc_err(err, ARC_EIO, path, 0, 0, "无法读取文件：%s",
                       io_reason(e));
    }
    /* Devices (/dev/zero never ends), pipes and sockets (may block or
     * never end) and directories. */
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return arc_err(err, ARC_EIO, path, 0, 0,
                       "不是普通文件（设备、管道或目录），未检查");
    }
    if ((unsigned long long)st.st_size > max) {
        close(fd);
        return too_large(err, path, (unsigned long long)st.st_size, max);
    }
    /* The size is a hint: a file may grow while it is read, so reading
     * stops one byte past the limit whatever fstat said. */
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap + 1);
    size_t n = 0;
    int rc = buf ? 0 : arc_err_nomem(err);
    while (!rc) {
        if (n == cap) {
            size_t ncap = cap < max / 2 ? cap * 2 : max + 1;
            char *nb = ncap > cap ? realloc(buf, ncap + 1) : NULL;
            if (!nb) {
                rc = ncap > cap ? arc_err_nomem(err)
                                : too_large(err, path, n, max);
                break;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            rc = arc_err(err, ARC_EIO, path, 0, 0, "无法读取文件：%s",
                         io_reason(errno));
        else if (k == 0)
            break;
        else if ((n += (size_t)k) > max)
            rc = too_large(err, path, n, max);
    }
    close(fd);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

char *arc_path_beside(const char *file, const char *path)
{
    const char *slash = strrchr(file, '/');
    if (path[0] == '/' || !slash)
        return arc_strdup(path);
    arc_buf b = {0};
    if (arc_buf_append(&b, file, (size_t)(slash - file + 1)) ||
        arc_buf_puts(&b, path)) {
        arc_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static long long thread_cpu_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0 &&
        clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long wall_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void arc_budget_start(arc_budget *d, const arc_load_opts *lo)
{
    memset(d, 0, sizeof *d);
    unsigned long ms = lo && lo->time_limit_ms ? lo->time_limit_ms
                                               : ARC_DEFAULT_TIME_LIMIT_MS;
    if (ms == ARC_NO_TIME_LIMIT)
        return;
    d->ms = ms;
    d->end_ns = thread_cpu_ns() + (long long)ms * 1000000LL;
    d->wall_next = wall_ns() + (long long)ms * 1000000LL;
}

int arc_budget_check(arc_budget *d, unsigned every)
{
    if (!d || !d->end_ns)
        return 0;
    if (d->expired)
        return 1;
    if (every > 1 && ++d->tick < every)
        return 0;
    d->tick = 0;
    /* The thread's CPU clock is a system call (about 30 a file, a third
     * of the system time); the monotonic clock is not.  A thread's CPU
     * time grows no faster than the wall clock, so the budget cannot
     * have passed before the wall clock has moved by what was left of it
     * at the last reading. */
    long long w = wall_ns();
    if (w && w < d->wall_next)
        return 0;
    long long c = thread_cpu_ns();
    if (c >= d->end_ns)
        d->expired = 1;
    else
        d->wall_next = w + (d->end_ns - c);
    return d->expired;
}

int arc_budget_error(const arc_budget *d, const char *path,
                       arc_error *err)
{
    unsigned long ms = d ? d->ms : 0;
    if (ms % 1000)
        return arc_err(err, ARC_EPARSE, path, 0, 0,
                       "读取和检查用时超过每个文件 %lu.%03lu 秒的时间上限"
                       "（--time-limit），未检查",
                       ms / 1000, ms % 1000);
    return arc_err(err, ARC_EPARSE, path, 0, 0,
                   "读取和检查用时超过每个文件 %lu 秒的时间上限"
                   "（--time-limit），未检查",
                   ms / 1000);
}

char *arc_path_display(const char *path)
{
    size_t n = strlen(path);
    /* At most four bytes out for one in. */
    char *out = malloc(4 * n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)path[i];
        uint32_t cp;
        size_t k = c < 0x80 ? 1 : arc_utf8_decode(path + i, n - i, &cp);
        if (k && c >= 0x20 && c != 0x7F && !(k == 2 && cp < 0xA0)) {
            memcpy(o, path + i, k);
            o += k;
            i += k;
        } else {
            /* C0 and C1 controls, DEL, and bytes that are not UTF-8. */
            size_t bytes = k ? k : 1;
            for (size_t b = 0; b < bytes; b++)
                o += sprintf(o, "\\x%02X", (unsigned char)path[i + b]);
            i += bytes;
        }
    }
    *o = '\0';
    return out;
}

int arc_write_atomic(const char *path, const char *data, size_t len,
                     arc_error *err)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return arc_err_nomem(err);
    /* O_EXCL with mode 0666: the umask applies, as for any new file. */
    unsigned long salt = (unsigned long)getpid() ^ (unsigned long)(uintptr_t)tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        salt = salt * 6364136223846793005UL + 1442695040888963407UL;
        snprintf(tmp, n, "%s.tmp.%06lx", path, (salt >> 40) & 0xFFFFFF);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    int e = fd < 0 ? errno : 0;
    for (size_t done = 0; !e && done < len;) {
        ssize_t k = write(fd, data + done, len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            e = errno;
        else
            done += (size_t)k;
    }
    if (fd >= 0) {
        if (!e && fsync(fd) != 0)
            e = errno;
        if (close(fd) != 0 && !e)
            e = errno;
        if (!e && rename(tmp, path) != 0)
            e = errno;
        if (e)
            unlink(tmp);
    }
    free(tmp);
    if (e)
        return arc_err(err, ARC_EIO, path, 0, 0, "无法写入：%s", strerror(e));
    return 0;
}

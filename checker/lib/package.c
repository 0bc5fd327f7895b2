/* package.c - zip packages read from memory and written back (annotated
 * copies).  The one module that writes zip archives; libzip is included by
 * it and by the Word reader. */
#include "package.h"

#include "archeck.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK ((size_t)64 << 10)

struct arc_pkg {
    const char *data;
    size_t len;
    zip_t *za;
    size_t used, max; /* bytes decompressed so far, and at most */
};

static int fail(char *reason, size_t size, int rc, const char *fmt, ...)
    ARC_PRINTF(4, 5);

static int fail(char *reason, size_t size, int rc, const char *fmt, ...)
{
    if (reason && size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(reason, size, fmt, ap);
        va_end(ap);
    }
    return rc;
}

static int zip_fail(int code, char *reason, size_t size)
{
    switch (code) {
    case ZIP_ER_MEMORY:
        return fail(reason, size, ARC_ENOMEM, "内存不足");
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
        return fail(reason, size, ARC_EPARSE, "文档已加密");
    case ZIP_ER_NOZIP:
        return fail(reason, size, ARC_EPARSE, "不是 zip 压缩包");
    default:
        return fail(reason, size, ARC_EPARSE,
                    "压缩包已损坏或无法写出（libzip 错误 %d）", code);
    }
}

int arc_pkg_open(arc_pkg **out, const char *data, size_t len,
                 size_t max_bytes, char *reason, size_t reason_size)
{
    *out = NULL;
    if (len == 0)
        return fail(reason, reason_size, ARC_EPARSE, "文件为空");
    arc_pkg *p = calloc(1, sizeof *p);
    if (!p)
        return fail(reason, reason_size, ARC_ENOMEM, "内存不足");
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    p->za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!p->za) {
        int code = zip_error_code_zip(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        free(p);
        return zip_fail(code, reason, reason_size);
    }
    zip_error_fini(&ze);
    p->data = data;
    p->len = len;
    p->max = max_bytes;
    *out = p;
    return 0;
}

void arc_pkg_close(arc_pkg *p)
{
    if (!p)
        return;
    zip_discard(p->za);
    free(p);
}

int arc_pkg_has(const arc_pkg *p, const char *name)
{
    return zip_name_locate(p->za, name, ZIP_FL_NOCASE) >= 0;
}

int arc_pkg_read(arc_pkg *p, const char *name, char **out, size_t *len,
                 char *reason, size_t reason_size)
{
    *out = NULL;
    *len = 0;
    zip_int64_t idx = zip_name_locate(p->za, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return 0;
    zip_file_t *f = zip_fopen_index(p->za, (zip_uint64_t)idx, 0);
    if (!f)
        return zip_fail(zip_error_code_zip(zip_get_error(p->za)), reason,
                        reason_size);
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int rc = 0;
    for (;;) {
        size_t room = p->max - p->used;
        size_t want = room < CHUNK ? room + 1 : CHUNK;
        if (arc_grow((void **)&buf, &cap, n + want + 1, 1)) {
            rc = fail(reason, reason_size, ARC_ENOMEM, "内存不足");
            break;
        }
        zip_int64_t got = zip_fread(f, buf + n, want);
        if (got < 0) {
            rc = zip_fail(zip_error_code_zip(zip_file_get_error(f)), reason,
                          reason_size);
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        p->used += (size_t)got;
        if (p->used > p->max) {
            rc = fail(reason, reason_size, ARC_EPARSE,
                      "解压后超过 %zu 字节，拒绝读取", p->max);
            break;
        }
    }
    int closed = zip_fclose(f);
    if (!rc && closed)
        rc = zip_fail(closed, reason, reason_size);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* Puts part into za: in place of the entry of that name, keeping its time
 * stamp, else as a new entry with a fixed one. */
static int put_part(zip_t *za, const arc_pkg_part *part, int replace)
{
    zip_source_t *s = zip_source_buffer(za, part->data, part->len, 0);
    if (!s)
        return -1;
    zip_int64_t idx =
        replace ? zip_name_locate(za, part->name, ZIP_FL_NOCASE) : -1;
    if (idx >= 0) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za, (zip_uint64_t)idx, ZIP_FL_UNCHANGED, &st) ||
            zip_file_replace(za, (zip_uint64_t)idx, s, 0)) {
            zip_source_free(s);
            return -1;
        }
        if ((st.valid & ZIP_STAT_MTIME) &&
            zip_file_set_mtime(za, (zip_uint64_t)idx, st.mtime, 0))
            return -1;
    } else {
        idx = zip_file_add(za, part->name, s, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(s);
            return -1;
        }
        /* 1980-01-01 00:00, the first DOS date. */
        if (zip_file_set_dostime(za, (zip_uint64_t)idx, 0, 0x21, 0))
            return -1;
    }
    return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
                                    0);
}

/* Writes parts into the archive in src (data, len: the starting content,
 * none for a new archive) and hands back the bytes of the result. */
static int write_zip(const char *data, size_t len, const arc_pkg_part *parts,
                     size_t n, char **out, size_t *outlen, char *reason,
                     size_t size)
{
    *out = NULL;
    *outlen = 0;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, len ? 0 : ZIP_TRUNCATE, &ze)
                    : NULL;
    if (!za) {
        int code = zip_error_code_zip(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        return zip_fail(code, reason, size);
    }
    zip_error_fini(&ze);
    /* The source must survive zip_close to be read back. */
    zip_source_keep(src);
    for (size_t i = 0; i < n; i++)
        if (put_part(za, &parts[i], len > 0)) {
            int code = zip_error_code_zip(zip_get_error(za));
            zip_discard(za);
            zip_source_free(src);
            return zip_fail(code, reason, size);
        }
    if (zip_close(za)) {
        int code = zip_error_code_zip(zip_get_error(za));
        zip_discard(za);
        zip_source_free(src);
        return zip_fail(code, reason, size);
    }
    int rc = 0;
    zip_stat_t st;
    zip_stat_init(&st);
    char *buf = NULL;
    if (zip_source_stat(src, &st) || !(st.valid & ZIP_STAT_SIZE) ||
        zip_source_open(src)) {
        rc = fail(reason, size, ARC_EIO, "无法生成压缩包");
    } else {
        if (!(buf = malloc(st.size ? st.size : 1)))
            rc = fail(reason, size, ARC_ENOMEM, "内存不足");
        else if (zip_source_read(src, buf, st.size) !=
                 (zip_int64_t)st.size)
            rc = fail(reason, size, ARC_EIO, "无法生成压缩包");
        zip_source_close(src);
    }
    zip_source_free(src);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *outlen = st.size;
    return 0;
}

int arc_pkg_rewrite(arc_pkg *p, const arc_pkg_part *parts, size_t n,
                    char **out, size_t *outlen, char *reason,
                    size_t reason_size)
{
    return write_zip(p->data, p->len, parts, n, out, outlen, reason,
                     reason_size);
}

int arc_pkg_create(const arc_pkg_part *parts, size_t n, char **out,
                   size_t *outlen, char *reason, size_t reason_size)
{
    return write_zip(NULL, 0, parts, n, out, outlen, reason, reason_size);
}

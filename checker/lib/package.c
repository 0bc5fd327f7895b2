/* package.c - zip packages (.docx, .odt, .ofd) read from memory under
 * limits, and written back (annotated copies).  The one module that
 * includes libzip: every reader of a zip-based format and the annotated
 * copies go through it, so that a hostile archive meets the same limits and
 * the same Chinese reasons wherever it is opened. */
#include "package.h"

#include "archeck.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK ((size_t)64 << 10)

struct arc_pkg {
    const char *data;
    size_t len;
    zip_t *za;
    size_t used, max;  /* bytes decompressed so far, and at most */
    const char *label; /* begins the reasons of a broken file */
};

struct arc_pkg_stream {
    arc_pkg *p;
    zip_file_t *f;
    int over; /* the limit was passed */
    int zerr; /* libzip's error, 0 when none */
};

/* libzip's messages are English and name its internals; a reader of the
 * audit needs to know what is wrong with the file.  data/len: the archive,
 * to tell one cut short from one that is no zip at all (NULL: unknown). */
static int zip_reason(int code, const char *label, const char *data,
                      size_t len, char *reason, size_t size)
{
    switch (code) {
    case ZIP_ER_MEMORY:
        return arc_reason_nomem(reason, size);
    case ZIP_ER_NOZIP:
        /* A local header at the start but no end record: cut short. */
        if (data && len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
            return arc_reason(reason, size, ARC_EPARSE,
                              "%s压缩包不完整或已损坏（找不到目录）", label);
        return arc_reason(reason, size, ARC_EPARSE, "%s不是 zip 压缩包",
                          label);
    case ZIP_ER_CRC:
        return arc_reason(reason, size, ARC_EPARSE,
                          "%s压缩包已损坏（校验和不符）", label);
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
        return arc_reason(reason, size, ARC_EPARSE, "文档已加密，无法读取");
    case ZIP_ER_COMPNOTSUPP:
        return arc_reason(reason, size, ARC_EPARSE,
                          "%s使用了不支持的压缩方式", label);
    case ZIP_ER_MULTIDISK:
        return arc_reason(reason, size, ARC_EPARSE, "%s不支持分卷压缩包",
                          label);
    default:
        return arc_reason(reason, size, ARC_EPARSE, "%s压缩包已损坏", label);
    }
}

static int too_big(const arc_pkg *p, char *reason, size_t size)
{
    if (p->max >= ((size_t)1 << 20))
        return arc_reason(reason, size, ARC_EPARSE,
                          "解压后超过 %zu MiB，拒绝读取（可能是压缩炸弹）",
                          p->max >> 20);
    return arc_reason(reason, size, ARC_EPARSE,
                      "解压后超过 %zu 字节，拒绝读取（可能是压缩炸弹）",
                      p->max);
}

/* Refuses more entries than allowed and any encrypted entry, before a byte
 * is decompressed. */
static int check_entries(arc_pkg *p, size_t max_entries, char *reason,
                         size_t size)
{
    zip_int64_t n = zip_get_num_entries(p->za, 0);
    if (n < 0)
        return arc_reason(reason, size, ARC_EPARSE, "%s压缩包已损坏",
                          p->label);
    if (max_entries && (zip_uint64_t)n > max_entries)
        return arc_reason(reason, size, ARC_EPARSE,
                          "压缩包条目过多（%lld 个，上限 %zu 个），拒绝读取",
                          (long long)n, max_entries);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(p->za, (zip_uint64_t)i, 0, &st))
            return zip_reason(zip_error_code_zip(zip_get_error(p->za)),
                              p->label, NULL, 0, reason, size);
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
            st.encryption_method != ZIP_EM_NONE)
            return arc_reason(reason, size, ARC_EPARSE,
                              "文档已加密，无法读取");
    }
    return 0;
}

int arc_pkg_open(arc_pkg **out, const char *data, size_t len,
                 const arc_pkg_limits *lim, char *reason, size_t reason_size)
{
    *out = NULL;
    const char *label = lim->label ? lim->label : "";
    /* libzip opens an empty buffer as an empty archive. */
    if (len == 0)
        return arc_reason(reason, reason_size, ARC_EPARSE, "%s文件为空",
                          label);
    arc_pkg *p = calloc(1, sizeof *p);
    if (!p)
        return arc_reason_nomem(reason, reason_size);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    p->za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!p->za) {
        int code = zip_error_code_zip(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        free(p);
        return zip_reason(code, label, data, len, reason, reason_size);
    }
    zip_error_fini(&ze);
    p->data = data;
    p->len = len;
    p->max = lim->max_bytes;
    p->label = label;
    int rc = check_entries(p, lim->max_entries, reason, reason_size);
    if (rc) {
        arc_pkg_close(p);
        return rc;
    }
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

/* Part names are case-insensitive in OPC packages and case-sensitive in
 * ODF and OFD, whose producers on Windows are not always consistent: the
 * exact name first, then any case. */
static zip_int64_t locate(const arc_pkg *p, const char *name)
{
    zip_int64_t idx = zip_name_locate(p->za, name, 0);
    return idx >= 0 ? idx : zip_name_locate(p->za, name, ZIP_FL_NOCASE);
}

int arc_pkg_has(const arc_pkg *p, const char *name)
{
    return locate(p, name) >= 0;
}

int arc_pkg_read(arc_pkg *p, const char *name, size_t max_part, char **out,
                 size_t *len, char *reason, size_t reason_size)
{
    *out = NULL;
    *len = 0;
    zip_int64_t idx = locate(p, name);
    if (idx < 0)
        return 0;
    zip_file_t *f = zip_fopen_index(p->za, (zip_uint64_t)idx, 0);
    if (!f)
        return zip_reason(zip_error_code_zip(zip_get_error(p->za)), p->label,
                          NULL, 0, reason, reason_size);
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int rc = 0;
    for (;;) {
        /* One byte past the limit is asked for: a part that ends exactly
         * at it is still read whole. */
        size_t room = p->max - p->used;
        size_t want = room < CHUNK ? room + 1 : CHUNK;
        if (arc_grow((void **)&buf, &cap, n + want + 1, 1)) {
            rc = arc_reason_nomem(reason, reason_size);
            break;
        }
        zip_int64_t got = zip_fread(f, buf + n, want);
        if (got < 0) {
            rc = zip_reason(zip_error_code_zip(zip_file_get_error(f)),
                            p->label, NULL, 0, reason, reason_size);
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        p->used += (size_t)got;
        if (p->used > p->max) {
            rc = too_big(p, reason, reason_size);
            break;
        }
        if (max_part && n > max_part) {
            rc = arc_reason(reason, reason_size, ARC_EPARSE,
                            "%s%s 解压后超过 %zu MiB，拒绝读取", p->label,
                            name, max_part >> 20);
            break;
        }
    }
    int closed = zip_fclose(f);
    if (!rc && closed)
        rc = zip_reason(closed, p->label, NULL, 0, reason, reason_size);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

int arc_pkg_stream_open(arc_pkg_stream **out, arc_pkg *p, const char *name,
                        char *reason, size_t reason_size)
{
    *out = NULL;
    zip_int64_t idx = locate(p, name);
    if (idx < 0)
        return 0;
    arc_pkg_stream *s = calloc(1, sizeof *s);
    if (!s)
        return arc_reason_nomem(reason, reason_size);
    s->p = p;
    s->f = zip_fopen_index(p->za, (zip_uint64_t)idx, 0);
    if (!s->f) {
        free(s);
        return zip_reason(zip_error_code_zip(zip_get_error(p->za)), p->label,
                          NULL, 0, reason, reason_size);
    }
    *out = s;
    return 0;
}

int arc_pkg_stream_read(void *stream, char *buf, int n)
{
    arc_pkg_stream *s = stream;
    if (s->over || s->zerr)
        return -1;
    if (n <= 0)
        return 0;
    size_t want = (size_t)n, room = s->p->max - s->p->used;
    if (want > room + 1)
        want = room + 1;
    zip_int64_t got = zip_fread(s->f, buf, want);
    if (got < 0) {
        s->zerr = zip_error_code_zip(zip_file_get_error(s->f));
        return -1;
    }
    s->p->used += (size_t)got;
    if (s->p->used > s->p->max) {
        s->over = 1;
        return -1;
    }
    return (int)got;
}

int arc_pkg_stream_close(arc_pkg_stream *s, int drain, char *reason,
                         size_t reason_size)
{
    if (!s)
        return 0;
    char rest[4096];
    while (drain && arc_pkg_stream_read(s, rest, sizeof rest) > 0)
        ;
    int closed = zip_fclose(s->f);
    int rc = 0;
    if (s->over)
        rc = too_big(s->p, reason, reason_size);
    else if (s->zerr)
        rc = zip_reason(s->zerr, s->p->label, NULL, 0, reason, reason_size);
    else if (closed)
        rc = zip_reason(closed, s->p->label, NULL, 0, reason, reason_size);
    free(s);
    return rc;
}

/* A failure of libzip while writing: the code is kept for a bug report. */
static int write_fail(int code, char *reason, size_t size)
{
    if (code == ZIP_ER_MEMORY)
        return arc_reason_nomem(reason, size);
    return arc_reason(reason, size, ARC_EIO,
                      "无法生成压缩包（libzip 错误 %d）", code);
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
        return write_fail(code, reason, size);
    }
    zip_error_fini(&ze);
    /* The source must survive zip_close to be read back. */
    zip_source_keep(src);
    for (size_t i = 0; i < n; i++)
        if (put_part(za, &parts[i], len > 0)) {
            int code = zip_error_code_zip(zip_get_error(za));
            zip_discard(za);
            zip_source_free(src);
            return write_fail(code, reason, size);
        }
    if (zip_close(za)) {
        int code = zip_error_code_zip(zip_get_error(za));
        zip_discard(za);
        zip_source_free(src);
        return write_fail(code, reason, size);
    }
    int rc = 0;
    zip_stat_t st;
    zip_stat_init(&st);
    char *buf = NULL;
    if (zip_source_stat(src, &st) || !(st.valid & ZIP_STAT_SIZE) ||
        zip_source_open(src)) {
        rc = arc_reason(reason, size, ARC_EIO, "无法生成压缩包");
    } else {
        if (!(buf = malloc(st.size ? st.size : 1)))
            rc = arc_reason_nomem(reason, size);
        else if (zip_source_read(src, buf, st.size) !=
                 (zip_int64_t)st.size)
            rc = arc_reason(reason, size, ARC_EIO, "无法生成压缩包");
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
